using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using static PartnerRelationships.Core.Tests.Configuration.ConfigTestHelpers;

namespace PartnerRelationships.Core.Tests.Configuration;

public class ConfigLoaderErrorTests
{
    [Fact]
    public void A_missing_file_says_how_to_create_one()
    {
        var path = Path.Combine(Path.GetTempPath(), "pr-" + Guid.NewGuid().ToString("N"), "nope.yaml");
        var error = Assert.Throws<PartnerRelationshipsException>(() => ConfigLoader.Load(path));
        Assert.Equal("ConfigFileNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Category);
        Assert.Contains(path, error.Message);
        Assert.Contains($"New-PartnerRelationshipConfig -Path {path} -PartnerTenantId <tenant guid> -MpnId <MPN id> -PartnerName <name>", error.Message);
    }

    [Fact]
    public void A_folder_is_not_a_configuration_file()
    {
        var error = Assert.Throws<PartnerRelationshipsException>(() => ConfigLoader.Load(Path.GetTempPath()));
        Assert.Equal("ConfigFileNotFound", error.ErrorId);
        Assert.Contains("is a folder", error.Message);
    }

    [Fact]
    public void An_unknown_key_is_located_and_the_nearest_key_suggested()
    {
        var error = Fails("ConfigUnknownKey", 3, 3, "retry:", "  maxAttempts: 3", "  maxAtempts: 3");
        Assert.Equal(ErrorKind.InvalidData, error.Category);
        Assert.Contains("retry.maxAtempts is not a known key (did you mean 'maxAttempts'?)", error.Message);
        Assert.Contains("Keys allowed under retry: maxAttempts, baseDelay, maxDelay", error.Message);
        Assert.Equal("retry.maxAtempts", error.Target);
    }

    [Fact]
    public void An_unknown_role_in_the_invite_defaults_is_located_with_a_suggestion()
    {
        var error = Fails("ConfigInvalidValue", 4, 7, "invites:", "  roles:", "    - Directory Readers", "    - Helpdesk Administrtor");
        Assert.Contains("'Helpdesk Administrtor', which is not a built-in Microsoft Entra role", error.Message);
        Assert.Contains("did you mean", error.Message);
        Assert.Equal("invites.roles", error.Target);
        Assert.Equal(new[] { "Directory Readers" }, Parse("invites:", "  roles: [ 'Directory Readers' ]").Invites.Roles);
    }

    [Fact]
    public void An_unknown_top_level_key_lists_the_sections()
    {
        var error = Fails("ConfigUnknownKey", 2, 1, "cloud: Global", "stroe:", "  provider: sqlite");
        Assert.Contains("did you mean 'store'?", error.Message);
        Assert.Contains("Keys allowed at the top level: partner, cloud, auth, store, invites, retry, compliance, endpoints", error.Message);
    }

    [Fact]
    public void A_key_in_the_wrong_section_says_where_it_belongs()
    {
        var error = Fails("ConfigUnknownKey", 2, 3, "invites:", "  pendingInviteDays: 3");
        Assert.Contains("belongs under 'compliance'", error.Message);
    }

    [Fact]
    public void An_unrelated_unknown_key_gets_no_suggestion()
    {
        var error = Fails("ConfigUnknownKey", 2, 3, "retry:", "  colour: blue");
        Assert.DoesNotContain("did you mean", error.Message);
    }

    [Theory]
    [InlineData("maxAttempts: many", "is not a whole number")]
    [InlineData("maxAttempts: 0", "0 is out of range")]
    [InlineData("maxAttempts: 21", "21 is out of range")]
    [InlineData("maxAttempts: 2.5", "is not a whole number")]
    [InlineData("baseDelay: 30", "is not a time span")]
    [InlineData("baseDelay: 30 seconds", "is not a time span")]
    [InlineData("baseDelay: 0s", "is out of range")]
    [InlineData("maxDelay: 2h", "is out of range")]
    [InlineData("attemptTimeout: 25h", "is out of range")]
    [InlineData("breakerFailureRatio: 0", "is out of range")]
    [InlineData("breakerFailureRatio: 1.5", "is out of range")]
    [InlineData("breakerFailureRatio: half", "is not a number")]
    [InlineData("breakerMinimumThroughput: 1", "is out of range")]
    [InlineData("breakerSamplingDuration: 100ms", "is out of range")]
    [InlineData("breakerBreakDuration: -00:00:05", "is out of range")]
    public void A_bad_retry_value_is_located(string line, string problem)
    {
        var error = Fails("ConfigInvalidValue", 2, line.IndexOf(':') + 5, "retry:", "  " + line);
        Assert.Equal(ErrorKind.InvalidData, error.Category);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void The_message_follows_the_file_line_column_key_problem_allowed_shape()
    {
        var error = Fails("ConfigInvalidValue", 2, 16, "retry:", "  maxAttempts: many");
        Assert.Equal("test.yaml:2:16: retry.maxAttempts 'many' is not a whole number. Use a whole number from 1 to 20.", error.Message);
    }

    [Theory]
    [InlineData("cloud: Mars", 1, 8, "Use one of: Global, USGovernment, USGovernmentDoD, China")]
    [InlineData("cloud: 1", 1, 8, "Use one of:")]
    public void A_bad_enum_lists_the_allowed_values(string line, int lineNo, int column, string allowed)
    {
        var error = Fails("ConfigInvalidValue", lineNo, column, line);
        Assert.Contains(allowed, error.Message);
    }

    [Fact]
    public void A_bad_auth_mode_lists_the_modes()
    {
        var error = Fails("ConfigInvalidValue", 2, 9, "auth:", "  mode: Password1");
        Assert.Contains("Interactive, DeviceCode, ClientSecret, Certificate, ManagedIdentity, AccessToken", error.Message);
    }

    [Fact]
    public void A_bad_store_provider_lists_the_providers()
    {
        var error = Fails("ConfigInvalidValue", 2, 13, "store:", "  provider: mysql");
        Assert.Contains("Sqlite, Postgres", error.Message);
    }

    [Theory]
    [InlineData("autoExtend: yes", "is not true or false")]
    [InlineData("duration: P731D", "P731D is out of range")]
    [InlineData("duration: P0D", "P0D is out of range")]
    [InlineData("duration: P1Y", "is not a duration in days")]
    [InlineData("duration: 730", "is not a duration in days")]
    [InlineData("roles: Directory Readers", "must be a list")]
    [InlineData("roles: {a: b}", "must be a list")]
    [InlineData("subject: [a, b]", "must be a single value")]
    public void A_bad_invites_value_is_located(string line, string problem)
    {
        var error = Fails("ConfigInvalidValue", 2, line.IndexOf(':') + 5, "invites:", "  " + line);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_duration_error_states_the_rule()
    {
        var error = Fails("ConfigInvalidValue", 2, 13, "invites:", "  duration: PT24H");
        Assert.Contains("P1D to P730D", error.Message);
    }

    [Fact]
    public void A_list_item_that_is_not_text_is_located_at_the_item()
    {
        var error = Fails("ConfigInvalidValue", 4, 7, "compliance:", "  forbiddenRoles:", "    - Global Reader", "    - {name: x}");
        Assert.Contains("compliance.forbiddenRoles has an item that is a mapping of keys", error.Message);
    }

    [Fact]
    public void An_empty_list_item_is_refused()
    {
        Fails("ConfigInvalidValue", 3, 5, "compliance:", "  disabledRules:", "  - ''");
    }

    [Theory]
    [InlineData("tenantId: not-a-guid", "is not a GUID")]
    [InlineData("tenantId: 00000000-0000-0000-0000-000000000000", "is the empty GUID")]
    [InlineData("mpnId: 12ab", "is not made of digits only")]
    [InlineData("mpnId: '123 456'", "is not made of digits only")]
    [InlineData("indirectResellerMpnId: abc", "is not made of digits only")]
    [InlineData("indirectResellerTenantId: abc", "is not a GUID")]
    [InlineData("tenantId: 1234567", "looks like an MPN id (digits); MPN ids go in partner.mpnId")]
    [InlineData("mpnId: 6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c", "holds a GUID, which is a tenant id; tenant ids go in partner.tenantId")]
    [InlineData("indirectResellerTenantId: '7654321'", "MPN ids go in partner.indirectResellerMpnId")]
    [InlineData("indirectResellerMpnId: 7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b", "tenant ids go in partner.indirectResellerTenantId")]
    [InlineData("name: \"Fab\\nrikam\"", "spans more than one line")]
    [InlineData("name: \"Fab\\trikam\"", "control character")]
    public void A_bad_partner_value_is_located(string line, string problem)
    {
        var error = Fails("ConfigInvalidValue", 2, line.IndexOf(':') + 5, "partner:", "  " + line);
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("clientId: 12345", "auth.clientId")]
    [InlineData("tenantId: '{nope}'", "auth.tenantId")]
    [InlineData("managedIdentityClientId: abc", "auth.managedIdentityClientId")]
    public void Auth_ids_must_be_guids(string line, string key)
    {
        var error = Fails("ConfigInvalidValue", 2, line.IndexOf(':') + 5, "auth:", "  " + line);
        Assert.Contains($"{key} ", error.Message);
        Assert.Contains("GUID", error.Message);
    }

    [Fact]
    public void A_thumbprint_must_be_hex()
    {
        var error = Fails("ConfigInvalidValue", 2, 26, "auth:", "  certificateThumbprint: XYZ");
        Assert.Contains("40 (SHA-1) or 64 (SHA-256) hexadecimal", error.Message);
    }

    [Theory]
    [InlineData("clientSecretVariable: '$env:SECRET'")]
    [InlineData("clientSecretVariable: '%SECRET%'")]
    [InlineData("accessTokenVariable: 'two words'")]
    public void A_variable_reference_must_be_a_bare_name_and_is_not_echoed(string line)
    {
        var error = Fails("ConfigInvalidValue", 2, line.IndexOf(':') + 5, "auth:", "  " + line);
        Assert.Contains("is not an environment variable name", error.Message);
        var value = line.Substring(line.IndexOf(':') + 2).Trim('\'');
        Assert.DoesNotContain(value, error.Message);
    }

    [Theory]
    [InlineData("graph: graph.microsoft.com")]
    [InlineData("graph: ftp://example.test")]
    [InlineData("login: /relative/path")]
    public void An_endpoint_must_be_an_absolute_http_address(string line)
    {
        var error = Fails("ConfigInvalidValue", 2, line.IndexOf(':') + 5, "endpoints:", "  " + line);
        Assert.Contains("absolute http or https", error.Message);
    }

    [Fact]
    public void An_endpoint_with_credentials_is_a_secret_and_not_echoed()
    {
        var error = Fails("ConfigSecretInFile", 2, 10, "endpoints:", "  graph: https://user:hunter2@graph.example.test");
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Equal(ErrorKind.SecurityError, error.Category);
    }

    [Fact]
    public void A_scalar_where_a_section_is_expected_is_refused()
    {
        var error = Fails("ConfigInvalidValue", 1, 8, "retry: 5");
        Assert.Contains("retry must be a mapping of keys, not a single value", error.Message);
    }

    [Fact]
    public void A_list_where_a_section_is_expected_is_refused()
    {
        Fails("ConfigInvalidValue", 2, 3, "auth:", "  - mode");
    }

    [Fact]
    public void A_section_where_a_value_is_expected_is_refused()
    {
        var error = Fails("ConfigInvalidValue", 3, 5, "retry:", "  maxAttempts:", "    value: 3");
        Assert.Contains("retry.maxAttempts must be a single value, not a mapping of keys", error.Message);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_refused()
    {
        Fails("ConfigInvalidValue", 1, 1, "- just", "- a list");
    }

    [Fact]
    public void An_empty_or_complex_key_is_refused()
    {
        Fails("ConfigInvalidValue", 1, 1, ": x");
        Fails("ConfigInvalidValue", 1, 3, "? [a, b]", ": c");
    }

    [Fact]
    public void A_tab_used_for_indentation_is_a_syntax_error()
    {
        // YamlDotNet places this one at the end of the line before the tab.
        var error = Fails("ConfigSyntaxError", 2, 16, "retry:", "  maxAttempts: 3", "\tbaseDelay: 1s");
        Assert.Contains("tab", error.Message);
    }

    [Fact]
    public void Windows_line_endings_are_fine()
    {
        Assert.Equal(4, Parse("retry:\r\n  maxAttempts: 4\r\n").Retry.MaxAttempts);
    }

    [Fact]
    public void A_duplicate_key_is_refused()
    {
        var error = Fails("ConfigInvalidValue", 3, 3, "retry:", "  maxAttempts: 3", "  maxAttempts: 4");
        Assert.Contains("retry.maxAttempts appears more than once", error.Message);
    }

    [Fact]
    public void A_duplicate_section_is_refused()
    {
        var error = Fails("ConfigInvalidValue", 4, 1, "retry:", "  maxAttempts: 3", "# again", "retry:", "  maxAttempts: 4");
        Assert.Contains("test.yaml:4:1: retry appears more than once", error.Message);
    }

    [Fact]
    public void A_duplicate_key_differing_in_case_is_refused()
    {
        var error = Fails("ConfigInvalidValue", 3, 3, "retry:", "  maxAttempts: 3", "  MaxAttempts: 4");
        Assert.Contains("retry.maxAttempts appears more than once", error.Message);
    }

    [Fact]
    public void Bad_indentation_is_a_located_syntax_error()
    {
        var error = Fails("ConfigSyntaxError", 3, 2, "retry:", "  maxAttempts: 3", " baseDelay: 1s");
        Assert.Equal(ErrorKind.InvalidData, error.Category);
        Assert.Contains("indent", error.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_a_syntax_error()
    {
        Fails("ConfigSyntaxError", 2, 12, "invites:", "  subject: 'unclosed");
    }

    [Fact]
    public void An_unclosed_flow_list_is_a_located_syntax_error()
    {
        Fails("ConfigSyntaxError", 2, 19, "compliance:", "  forbiddenRoles: [a", "  disabledRules: []");
    }

    [Fact]
    public void A_second_document_is_refused()
    {
        Fails("ConfigSyntaxError", 3, 1, "cloud: Global", "---", "cloud: China");
    }

    [Fact]
    public void Syntax_errors_are_never_raw_yaml_exceptions()
    {
        var error = Assert.Throws<PartnerRelationshipsException>(() => Parse("a: b: c"));
        Assert.Equal("ConfigSyntaxError", error.ErrorId);
        Assert.IsAssignableFrom<YamlDotNet.Core.YamlException>(error.InnerException);
    }
}
