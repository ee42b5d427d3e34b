using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using static PartnerRelationships.Core.Tests.Invites.InviteTestData;

namespace PartnerRelationships.Core.Tests.Invites;

public class InviteRequestValidatorTests
{
    [Fact]
    public void Customer_name_is_trimmed()
    {
        Assert.Equal("Contoso Ltd", InviteRequestValidator.ValidateCustomerName("  Contoso Ltd \t"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_customer_name_is_refused(string? name)
    {
        var e = Throws(() => InviteRequestValidator.ValidateCustomerName(name), "InvalidCustomerName");
        Assert.Equal(ErrorKind.InvalidArgument, e.Category);
    }

    [Fact]
    public void Customer_name_over_256_characters_is_too_long()
    {
        Assert.Equal(256, InviteRequestValidator.ValidateCustomerName(new string('a', 256)).Length);
        var e = Throws(() => InviteRequestValidator.ValidateCustomerName(new string('a', 257)), "InputTooLong");
        Assert.Contains("256", e.Message);
    }

    [Theory]
    [InlineData("Contoso\r\nBcc: x@y.z")]
    [InlineData("Contoso\nLtd")]
    [InlineData("Contoso\rLtd")]
    public void Line_breaks_in_the_customer_name_are_header_injection(string name)
    {
        var e = Throws(() => InviteRequestValidator.ValidateCustomerName(name), "HeaderInjection");
        Assert.Equal(ErrorKind.SecurityError, e.Category);
    }

    [Fact]
    public void Other_control_characters_in_the_name_are_refused()
    {
        Throws(() => InviteRequestValidator.ValidateCustomerName("Con\u0007toso"), "InvalidCustomerName");
    }

    [Theory]
    [InlineData("admin@contoso.com")]
    [InlineData("first.last+tag@mail.contoso.co.uk")]
    [InlineData("o'brien@contoso-eu.example")]
    [InlineData("x@a.io")]
    public void Plain_addresses_are_accepted(string email)
    {
        Assert.Equal(email, InviteRequestValidator.ValidateCustomerEmail(email));
    }

    [Fact]
    public void Email_is_trimmed()
    {
        Assert.Equal("admin@contoso.com", InviteRequestValidator.ValidateCustomerEmail("  admin@contoso.com "));
    }

    [Theory]
    [InlineData("admin@contoso.com\r\nBcc: evil@example.com")]
    [InlineData("admin@contoso.com\nBcc: evil@example.com")]
    [InlineData("not an email\r")]
    public void Line_breaks_in_the_email_are_header_injection_before_anything_else(string email)
    {
        var e = Throws(() => InviteRequestValidator.ValidateCustomerEmail(email), "HeaderInjection");
        Assert.Equal(ErrorKind.SecurityError, e.Category);
        Assert.DoesNotContain("\n", e.Message);
        Assert.DoesNotContain("\r", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("a@contoso.com, b@contoso.com")]
    [InlineData("a@contoso.com;b@contoso.com")]
    [InlineData("Admin <admin@contoso.com>")]
    [InlineData("\"Admin\" admin@contoso.com")]
    [InlineData("admin@contoso")]
    [InlineData("admin@@contoso.com")]
    [InlineData("ad min@contoso.com")]
    [InlineData("admin@contoso .com")]
    [InlineData("@contoso.com")]
    [InlineData("admin@")]
    [InlineData(".admin@contoso.com")]
    [InlineData("ad..min@contoso.com")]
    [InlineData("admin@-contoso.com")]
    [InlineData("admin@contoso..com")]
    [InlineData("admin@contoso.com.")]
    [InlineData("admin@10.0.0.1")]
    [InlineData("admin@[10.0.0.1]")]
    [InlineData("adm\u00efn@contoso.com")]
    public void Anything_but_one_plain_address_is_refused_with_an_example(string email)
    {
        var e = Throws(() => InviteRequestValidator.ValidateCustomerEmail(email), "InvalidCustomerEmail");
        Assert.Equal(ErrorKind.InvalidArgument, e.Category);
        Assert.Contains("for example admin@contoso.com", e.Message);
    }

    [Fact]
    public void Email_length_limits_apply()
    {
        var local64 = new string('a', 64);
        Assert.Equal(local64 + "@contoso.com", InviteRequestValidator.ValidateCustomerEmail(local64 + "@contoso.com"));
        Throws(() => InviteRequestValidator.ValidateCustomerEmail(new string('a', 65) + "@contoso.com"), "InvalidCustomerEmail");

        var domain = string.Join(".", Enumerable.Repeat(new string('d', 60), 5)) + ".com";
        var longAddress = "a@" + domain;
        Assert.True(longAddress.Length > 254);
        var e = Throws(() => InviteRequestValidator.ValidateCustomerEmail(longAddress), "InvalidCustomerEmail");
        Assert.Contains("254", e.Message);
    }

    [Fact]
    public void Error_messages_quote_at_most_about_100_characters_of_input()
    {
        var huge = new string('x', 10_000) + "@";
        var e = Throws(() => InviteRequestValidator.ValidateCustomerEmail(huge), "InvalidCustomerEmail");
        Assert.True(e.Message.Length < 400, e.Message.Length.ToString());

        var e2 = Throws(() => InviteRequestValidator.ValidateSubject(new string('s', 5000)), "InputTooLong");
        Assert.True(e2.Message.Length < 400, e2.Message.Length.ToString());
    }

    [Fact]
    public void Tenant_id_is_optional_and_canonicalised()
    {
        Assert.Null(InviteRequestValidator.ValidateCustomerTenantId(null));
        Assert.Null(InviteRequestValidator.ValidateCustomerTenantId(" "));
        Assert.Equal(
            "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
            InviteRequestValidator.ValidateCustomerTenantId(" {4B2E2B3A-1C2D-4E5F-8A9B-0C1D2E3F4A5B} "));
    }

    [Theory]
    [InlineData("contoso.onmicrosoft.com")]
    [InlineData("4b2e2b3a-1c2d-4e5f-8a9b")]
    public void Tenant_id_that_is_not_a_guid_is_refused(string tenantId)
    {
        var e = Throws(() => InviteRequestValidator.ValidateCustomerTenantId(tenantId), "InvalidCustomerTenantId");
        Assert.Equal(ErrorKind.InvalidArgument, e.Category);
    }

    [Theory]
    [InlineData("Hi\r\nBcc: evil@example.com")]
    [InlineData("Hi\nthere")]
    public void Subject_line_breaks_are_header_injection(string subject)
    {
        Throws(() => InviteRequestValidator.ValidateSubject(subject), "HeaderInjection");
    }

    [Fact]
    public void Subject_and_body_length_limits()
    {
        Assert.Equal(998, InviteRequestValidator.ValidateSubject(new string('s', 998)).Length);
        Throws(() => InviteRequestValidator.ValidateSubject(new string('s', 999)), "InputTooLong");
        Assert.Equal(100_000, InviteRequestValidator.ValidateBody(new string('b', 100_000)).Length);
        Throws(() => InviteRequestValidator.ValidateBody(new string('b', 100_001)), "InputTooLong");
    }
}
