using System.Net;
using System.Text;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Tests.Resilience;

public class RedactorTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNlY3JldA";

    [Theory]
    [InlineData("{\"access_token\":\"SECRET1\",\"token_type\":\"Bearer\"}")]
    [InlineData("{ \"refresh_token\" : \"SECRET1\" }")]
    [InlineData("{\"client_secret\":\"SEC\\\"RET1\"}")]
    [InlineData("{\"password\":\"SECRET1\"}")]
    [InlineData("grant_type=client_credentials&client_id=abc&client_secret=SECRET1&scope=x")]
    [InlineData("refresh_token=SECRET1")]
    [InlineData("password=SECRET1&username=bob")]
    public void Secret_fields_are_masked(string body)
    {
        var redacted = Redactor.RedactBody(body);

        Assert.DoesNotContain("SECRET1", redacted);
        Assert.DoesNotContain("RET1", redacted);
        Assert.Contains(Redactor.Mask, redacted);
    }

    [Fact]
    public void Other_fields_are_kept()
    {
        var redacted = Redactor.RedactBody("{\"displayName\":\"Contoso\",\"client_secret\":\"x\"}&scope=graph");

        Assert.Contains("\"displayName\":\"Contoso\"", redacted);
        Assert.Contains("scope=graph", redacted);
    }

    [Fact]
    public void Authorization_header_keeps_only_the_scheme()
    {
        Assert.Equal("Bearer ***", Redactor.RedactHeader("Authorization", "Bearer " + Jwt));
        Assert.Equal("***", Redactor.RedactHeader("Cookie", "a=b"));
        Assert.Equal("abc", Redactor.RedactHeader("MS-ContinuationToken", "abc"));
    }

    [Fact]
    public void Bare_jwts_are_masked_anywhere()
    {
        Assert.DoesNotContain(Jwt, Redactor.RedactBody("{\"note\":\"token " + Jwt + " here\"}"));
    }

    [Fact]
    public async Task Observer_output_contains_no_token_or_secret()
    {
        using var harness = new ResilienceHarness();
        harness.Server
            .ThenStatus(HttpStatusCode.ServiceUnavailable)
            .ThenStatus(HttpStatusCode.OK, "{\"access_token\":\"" + Jwt + "\",\"refresh_token\":\"RT-SECRET\",\"expires_in\":3600}");

        await harness.SendAsync(c =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "tenant/oauth2/v2.0/token")
            {
                Content = new StringContent("grant_type=client_credentials&client_id=app&client_secret=CS-SECRET&scope=s", Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Jwt);
            return c.SendAsync(request);
        });

        var text = harness.Observer.AllText();
        Assert.Contains("client_id=app", text); // bodies were traced at all
        Assert.Contains("expires_in", text);
        Assert.DoesNotContain(Jwt, text);
        Assert.DoesNotContain("CS-SECRET", text);
        Assert.DoesNotContain("RT-SECRET", text);
        Assert.Equal(4, harness.Observer.Bodies.Count);
    }
}
