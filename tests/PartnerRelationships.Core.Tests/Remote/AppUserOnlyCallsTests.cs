using System.Text;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;

namespace PartnerRelationships.Core.Tests.Remote;

public sealed class AppUserOnlyCallsTests
{
    [Theory]
    [InlineData("GET", "customers/relationshiprequests", "Requesting a reseller relationship link")]
    [InlineData("GET", "/v1/customers/relationshiprequests?indirectResellerId=x", "Requesting a reseller relationship link")]
    [InlineData("PATCH", "customers/8f1c2d3e-0000-4000-8000-000000000001", "Removing a reseller relationship")]
    [InlineData("GET", "customers/c1/relationships", "Reading a customer's relationships")]
    [InlineData("GET", "customers/c1/subscriptions/s1/supportcontact", "Reading a subscription's support contact")]
    [InlineData("PUT", "customers/c1/subscriptions/s1/supportcontact", "Setting a subscription's support contact")]
    [InlineData("PUT", "customers/c1/supportcontact", "Setting a support contact")]
    public void The_documented_App_User_only_calls_are_recognised(string method, string path, string call)
        => Assert.Equal(call, AppUserOnlyCalls.Describe(method, path));

    [Theory]
    [InlineData("GET", "customers")]
    [InlineData("GET", "customers/c1")]
    [InlineData("GET", "customers/c1/subscriptions")]
    [InlineData("DELETE", "customers/c1")]
    public void Calls_that_accept_app_only_are_not(string method, string path)
        => Assert.Null(AppUserOnlyCalls.Describe(method, path));

    [Fact]
    public void The_refusal_names_the_call_and_how_to_give_a_runbook_a_user_in_one_sentence()
    {
        var error = AppUserOnlyCalls.Refused("Removing a reseller relationship", "c1");

        Assert.Equal("AppUserSignInRequired", error.ErrorId);
        Assert.Equal(Errors.ErrorKind.PermissionDenied, error.Category);
        Assert.StartsWith("Removing a reseller relationship needs a signed-in partner user", error.Message);
        Assert.Contains("New-PartnerRelationshipRefreshToken", error.Message);
        Assert.Contains("auth.mode RefreshToken", error.Message);
        Assert.Single(error.Message.Split(". ", StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("{\"idtyp\":\"app\",\"roles\":[\"x\"]}", SignInKind.AppOnly)]
    [InlineData("{\"idtyp\":\"user\",\"scp\":\"x\"}", SignInKind.AppUser)]
    [InlineData("{\"scp\":\"user_impersonation\"}", SignInKind.AppUser)]
    [InlineData("{\"roles\":[\"x\"]}", SignInKind.AppOnly)]
    [InlineData("{\"tid\":\"t\"}", SignInKind.Unknown)]
    public void A_tokens_kind_comes_from_idtyp_else_scp_or_roles(string payload, SignInKind kind)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = B64("{\"alg\":\"none\"}") + "." + B64(payload) + ".sig";

        Assert.Equal(kind, AccessTokenClaims.Read(token)!.Kind);
    }
}
