using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Invites.InviteTestData;
using PartnerRelationships.Core.Tests.Invites;

namespace PartnerRelationships.Core.Tests.Workflow;

public class InviteServicePrepareTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly InMemoryRelationshipStore _store = new();

    public void Dispose() => _folder.Dispose();

    private InviteService Service(PartnerRelationshipsConfig? config = null) =>
        new(config ?? Config(), _store, new FakeTimeProvider());

    private static ResellerInviteRequest Request(Action<ResellerInviteRequest>? change = null)
    {
        var request = new ResellerInviteRequest { CustomerName = "Contoso", CustomerEmail = "admin@contoso.com" };
        change?.Invoke(request);
        return request;
    }

    private string Template(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Default_draft_is_personalised_and_polite()
    {
        var draft = Service().Prepare(Request());

        Assert.Equal(InviteKind.Reseller, draft.Kind);
        Assert.Equal("admin@contoso.com", draft.To);
        Assert.Equal("Contoso", draft.CustomerName);
        Assert.Equal(DirectLink, draft.Link);
        Assert.Equal("Fabrikam Cloud Services requests a reseller relationship with Contoso", draft.Subject);
        Assert.Contains("\n\n" + DirectLink + "\n\n", draft.Body);
        Assert.Contains("Dear Contoso", draft.Body);
        Assert.EndsWith("\n" + PartnerName, draft.Body);
        Assert.DoesNotContain("{", draft.Body);
        Assert.DoesNotContain("\r", draft.Body);
        Assert.StartsWith("mailto:admin@contoso.com?subject=Fabrikam%20Cloud%20Services%20", draft.MailtoUri);
    }

    [Fact]
    public void Indirect_configuration_uses_the_indirect_link()
    {
        var draft = Service(Config(ResellerTenantId, ResellerMpnId)).Prepare(Request());

        Assert.Contains($"invType=IndirectResellerRelationship&partnerId={ResellerTenantId}&msppId={ResellerMpnId}&indirectCSPId={PartnerTenantId}", draft.Link);
        Assert.Contains(draft.Link, draft.Body);
    }

    [Fact]
    public void Trims_the_customer_fields_and_canonicalises_the_tenant_id()
    {
        var draft = Service().Prepare(Request(r =>
        {
            r.CustomerName = "  Contoso Ltd ";
            r.CustomerEmail = " admin@contoso.com ";
            r.CustomerTenantId = "4B2E2B3A-1C2D-4E5F-8A9B-0C1D2E3F4A5B";
        }));

        Assert.Equal("Contoso Ltd", draft.CustomerName);
        Assert.Equal("admin@contoso.com", draft.To);
        Assert.Equal("4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", draft.CustomerTenantId);
    }

    [Fact]
    public void Own_subject_and_body_with_placeholders()
    {
        var draft = Service().Prepare(Request(r =>
        {
            r.Subject = "{PartnerName} for {customername}";
            r.Body = "Hi {CustomerName},\r\nplease accept: {LINK}\r\n({PartnerId}, {CustomerEmail})";
        }));

        Assert.Equal("Fabrikam Cloud Services for Contoso", draft.Subject);
        Assert.Equal($"Hi Contoso,\nplease accept: {DirectLink}\n(1234567, admin@contoso.com)", draft.Body);
    }

    [Fact]
    public void A_literal_body_may_carry_the_link_itself()
    {
        var draft = Service().Prepare(Request(r => r.Body = "Click " + DirectLink));

        Assert.Equal("Click " + DirectLink, draft.Body);
    }

    [Theory]
    [InlineData("No link here")]
    [InlineData("Escaped {{Link}} is not the link")]
    [InlineData("Wrong partner https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=999")]
    public void Body_without_the_link_is_refused(string body)
    {
        var e = Throws(() => Service().Prepare(Request(r => r.Body = body)), "InviteTemplateMissingLink");

        Assert.Contains("personalised", e.Message);
        Assert.Contains("{Link}", e.Message);
    }

    [Fact]
    public void Template_without_the_link_is_refused()
    {
        var path = Template("t.txt", "Subject: Hi\n\nNo link");

        Throws(() => Service().Prepare(Request(r => r.TemplatePath = path)), "InviteTemplateMissingLink");
    }

    [Fact]
    public void Unknown_placeholder_in_the_subject_is_refused()
    {
        var e = Throws(() => Service().Prepare(Request(r => r.Subject = "Hello {Nmae}")), "InviteTemplateUnknownPlaceholder");

        Assert.Contains("-Subject", e.Message);
        Assert.Contains("{CustomerName}", e.Message);
    }

    [Fact]
    public void Unknown_placeholder_in_a_template_file_names_the_file()
    {
        var path = Template("bad.txt", "Subject: Hi\n\n{Link} {Partner}");

        var e = Throws(() => Service().Prepare(Request(r => r.TemplatePath = path)), "InviteTemplateUnknownPlaceholder");

        Assert.Contains("bad.txt", e.Message);
    }

    [Theory]
    [InlineData("Hi\r\nBcc: evil@example.com")]
    [InlineData("Hi\nthere")]
    public void Line_breaks_in_the_subject_are_header_injection(string subject)
    {
        Throws(() => Service().Prepare(Request(r => r.Subject = subject)), "HeaderInjection");
    }

    [Fact]
    public void Subject_is_checked_after_substitution()
    {
        var config = Config();
        config.Partner.Name = new string('P', 995);

        Throws(() => Service(config).Prepare(Request(r => r.Subject = "{PartnerName} {CustomerName}")), "InputTooLong");
    }

    [Fact]
    public void Body_is_checked_after_substitution()
    {
        var body = "{Link} " + string.Concat(Enumerable.Repeat("{CustomerEmail}", 100_000 / "admin@contoso.com".Length));

        Throws(() => Service().Prepare(Request(r => r.Body = body)), "InputTooLong");
    }

    [Theory]
    [InlineData("   ", "admin@contoso.com", null, "InvalidCustomerName")]
    [InlineData("Contoso", "not-an-email", null, "InvalidCustomerEmail")]
    [InlineData("Contoso", "a@contoso.com, b@contoso.com", null, "InvalidCustomerEmail")]
    [InlineData("Contoso", "admin@contoso.com\r\nBcc: evil@example.com", null, "HeaderInjection")]
    [InlineData("Contoso", "admin@contoso.com", "contoso.com", "InvalidCustomerTenantId")]
    public void Bad_customer_input_is_refused(string name, string email, string? tenantId, string errorId)
    {
        Throws(() => Service().Prepare(new ResellerInviteRequest
        {
            CustomerName = name,
            CustomerEmail = email,
            CustomerTenantId = tenantId,
        }), errorId);
    }

    [Fact]
    public void Missing_partner_tenant_id_is_reported()
    {
        var config = Config();
        config.Partner.TenantId = "";

        Throws(() => Service(config).Prepare(Request()), "PartnerIdMissing");
    }

    [Fact]
    public void Partner_id_stands_in_for_a_missing_partner_name()
    {
        var config = Config();
        config.Partner.Name = "";

        var draft = Service(config).Prepare(Request(r => r.Subject = "{PartnerName}"));

        Assert.Equal("Partner 1234567", draft.Subject);
    }

    [Fact]
    public void Template_file_supplies_subject_and_body()
    {
        var path = Template("t.txt", "Subject: Hello {CustomerName}\r\n\r\nDear {CustomerName}, follow {Link} to work with {PartnerName}.\r\n");

        var draft = Service().Prepare(Request(r => r.TemplatePath = path));

        Assert.Equal("Hello Contoso", draft.Subject);
        Assert.Equal($"Dear Contoso, follow {DirectLink} to work with {PartnerName}.", draft.Body);
    }

    [Fact]
    public void Missing_or_malformed_template_files_are_reported()
    {
        Throws(() => Service().Prepare(Request(r => r.TemplatePath = _folder.File("none.txt"))), "InviteTemplateNotFound");
        var bad = Template("bad.txt", "Hello\n\n{Link}");
        Throws(() => Service().Prepare(Request(r => r.TemplatePath = bad)), "InviteTemplateInvalid");
    }

    [Fact]
    public void Precedence_request_text_over_request_template_over_config_over_built_in()
    {
        var requestTemplate = Template("request.txt", "Subject: request-template subject\n\nrequest-template body {Link}");
        var configTemplate = Template("config.txt", "Subject: config-template subject\n\nconfig-template body {Link}");
        var config = Config();
        config.Invites.Subject = "config subject";
        config.Invites.TemplatePath = configTemplate;
        var service = Service(config);

        var own = service.Prepare(Request(r =>
        {
            r.Subject = "own subject";
            r.Body = "own body {Link}";
            r.TemplatePath = requestTemplate;
        }));
        Assert.Equal("own subject", own.Subject);
        Assert.StartsWith("own body", own.Body);

        var ownSubjectOnly = service.Prepare(Request(r => { r.Subject = "own subject"; r.TemplatePath = requestTemplate; }));
        Assert.Equal("own subject", ownSubjectOnly.Subject);
        Assert.StartsWith("request-template body", ownSubjectOnly.Body);

        var requestTemplated = service.Prepare(Request(r => r.TemplatePath = requestTemplate));
        Assert.Equal("request-template subject", requestTemplated.Subject);
        Assert.StartsWith("request-template body", requestTemplated.Body);

        var configured = service.Prepare(Request());
        Assert.Equal("config subject", configured.Subject);
        Assert.StartsWith("config-template body", configured.Body);

        config.Invites.Subject = null;
        var configTemplated = service.Prepare(Request());
        Assert.Equal("config-template subject", configTemplated.Subject);

        config.Invites.Subject = "config subject";
        config.Invites.TemplatePath = null;
        var configSubjectBuiltInBody = service.Prepare(Request());
        Assert.Equal("config subject", configSubjectBuiltInBody.Subject);
        Assert.StartsWith("Dear Contoso", configSubjectBuiltInBody.Body);

        var ownBodyOnly = service.Prepare(Request(r => r.Body = "own body {Link}"));
        Assert.Equal("config subject", ownBodyOnly.Subject);
        Assert.StartsWith("own body", ownBodyOnly.Body);
    }

    [Fact]
    public void Blank_subject_or_body_counts_as_not_given()
    {
        var draft = Service().Prepare(Request(r => { r.Subject = "  "; r.Body = ""; }));

        Assert.Equal(InviteTemplate.Default.Subject.Replace("{PartnerName}", PartnerName).Replace("{CustomerName}", "Contoso"), draft.Subject);
    }

    [Fact]
    public void Relative_configured_template_is_found_next_to_the_config_file()
    {
        Template("next-to-config.txt", "Subject: From config folder\n\n{Link}");
        var config = Config();
        config.SourcePath = _folder.File("config.yaml");
        config.Invites.TemplatePath = "next-to-config.txt";

        var draft = Service(config).Prepare(Request());

        Assert.Equal("From config folder", draft.Subject);
    }

    [Fact]
    public void Prepare_writes_nothing()
    {
        var draft = Service().Prepare(Request(r => r.DraftFile = _folder.File("contoso.eml")));

        Assert.NotNull(draft);
        Assert.Empty(_store.Invites);
        Assert.Empty(_folder.AllFileNames());
    }

    [Fact]
    public void A_link_from_the_service_replaces_the_composed_one_in_link_and_body()
    {
        const string fromService = "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c&msppId=0&DAP=true#/BillingAccounts/partner-invitation";

        var draft = Service().Prepare(Request(r => r.ServiceLink = fromService));

        Assert.Equal(fromService, draft.Link);
        Assert.Contains(fromService, draft.Body);
        Assert.DoesNotContain(DirectLink, draft.Body);
    }

    [Theory]
    [InlineData("http://admin.microsoft.com/Adminportal/Home")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://admin.microsoft.com/x\r\nBcc: someone@evil.example")]
    [InlineData("not a link")]
    public void A_link_from_the_service_that_is_not_plain_https_is_refused(string link)
    {
        var ex = Assert.Throws<PartnerRelationshipsException>(() => Service().Prepare(Request(r => r.ServiceLink = link)));

        Assert.Equal(ErrorIds.Invite.ServiceLinkInvalid, ex.ErrorId);
        Assert.Empty(_store.Invites);
    }
}
