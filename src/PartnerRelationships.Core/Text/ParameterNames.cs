namespace PartnerRelationships.Core.Text;

/// <summary>
/// The cmdlet parameter names that Core's messages tell the user to give (without the dash; messages write
/// <c>-{ParameterNames.Force}</c>). Renaming a parameter is one edit here; a Pester test checks each is a parameter of an
/// exported cmdlet.
/// </summary>
public static class ParameterNames
{
    public const string AccessToken = "AccessToken";
    public const string Alert = "Alert";
    public const string AutoExtend = "AutoExtend";
    public const string Body = "Body";
    public const string CertificatePassword = "CertificatePassword";
    public const string ClientId = "ClientId";
    public const string ClientSecret = "ClientSecret";
    public const string CustomerName = "CustomerName";
    public const string CustomerTenantId = "CustomerTenantId";
    public const string Duration = "Duration";
    public const string Force = "Force";
    public const string Id = "Id";
    public const string IndirectResellerMpnId = "IndirectResellerMpnId";
    public const string IndirectResellerTenantId = "IndirectResellerTenantId";
    public const string Kind = "Kind";
    public const string MpnId = "MpnId";
    public const string OutFile = "OutFile";
    public const string PartnerName = "PartnerName";
    public const string PartnerTenantId = "PartnerTenantId";
    public const string Path = "Path";
    public const string RelationshipId = "RelationshipId";
    public const string RemoveGlobalAdministrator = "RemoveGlobalAdministrator";
    public const string ReportFormat = "ReportFormat";
    public const string ReportPath = "ReportPath";
    public const string RelationshipName = "RelationshipName";
    public const string Reseller = "Reseller";
    public const string Role = "Role";
    public const string Rule = "Rule";
    public const string Subject = "Subject";
    public const string SupportMpnId = "SupportMpnId";
    public const string SupportName = "SupportName";
    public const string SupportTenantId = "SupportTenantId";
    public const string Template = "Template";
    public const string TemplatePath = "TemplatePath";
    public const string TenantId = "TenantId";
    public const string Timeout = "Timeout";
}
