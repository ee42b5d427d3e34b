namespace PartnerRelationships.Sandbox.State;

/// <summary>A token request failed; rendered as an Entra (AAD) OAuth error body.</summary>
public sealed class TokenRequestException : Exception
{
    public TokenRequestException(int statusCode, string error, string description)
        : base(description)
    {
        StatusCode = statusCode;
        Error = error;
    }

    public int StatusCode { get; }

    public string Error { get; }
}
