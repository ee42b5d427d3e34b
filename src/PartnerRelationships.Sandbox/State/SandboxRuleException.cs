namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// A request broke a service rule. The endpoints turn it into the calling service's error body: Graph uses
/// <see cref="GraphCode"/>, Partner Center uses <see cref="PartnerCenterCode"/> and <see cref="ErrorName"/>.
/// </summary>
public sealed class SandboxRuleException : Exception
{
    public SandboxRuleException(int statusCode, string graphCode, string message, int partnerCenterCode = 0, string? errorName = null)
        : base(message)
    {
        StatusCode = statusCode;
        GraphCode = graphCode;
        PartnerCenterCode = partnerCenterCode;
        ErrorName = errorName ?? graphCode;
    }

    public int StatusCode { get; }

    public string GraphCode { get; }

    public int PartnerCenterCode { get; }

    public string ErrorName { get; }

    /// <summary>True for Partner Center's classic error shape {code, description, data, source} (no errorName).</summary>
    public bool IsClassicPartnerCenterError => ErrorName.Length == 0;

    /// <summary>A Partner Center error in the classic shape (error-codes): {"code", "description", "data": [], "source"}.</summary>
    internal static SandboxRuleException PartnerCenterClassic(int statusCode, int code, string description) =>
        new(statusCode, statusCode == 404 ? "notFound" : "badRequest", description, code, errorName: "");

    internal static SandboxRuleException BadRequest(string message) => new(400, "badRequest", message);

    internal static SandboxRuleException NotFound(string message) => new(404, "notFound", message);

    internal static SandboxRuleException PreconditionFailed(string message) => new(412, "preconditionFailed", message);
}
