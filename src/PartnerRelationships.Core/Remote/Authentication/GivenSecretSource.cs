using System;
using System.Runtime.InteropServices;
using System.Security;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>Secrets handed to a cmdlet as SecureStrings (-ClientSecret, -AccessToken, -CertificatePassword).</summary>
public sealed class GivenSecretSource : ISecretSource
{
    private readonly SecureString? _clientSecret;
    private readonly SecureString? _accessToken;
    private readonly SecureString? _certificatePassword;

    public GivenSecretSource(SecureString? clientSecret = null, SecureString? accessToken = null, SecureString? certificatePassword = null)
    {
        _clientSecret = clientSecret;
        _accessToken = accessToken;
        _certificatePassword = certificatePassword;
    }

    public string? GetSecret(SecretKind kind, AuthSettings settings) => kind switch
    {
        SecretKind.ClientSecret => Reveal(_clientSecret),
        SecretKind.AccessToken => Reveal(_accessToken),
        SecretKind.CertificatePassword => Reveal(_certificatePassword),
        _ => null,
    };

    /// <summary>The libraries we hand secrets to take strings; keep the plain copy as short-lived as we can.</summary>
    internal static string? Reveal(SecureString? secure)
    {
        if (secure is null || secure.Length == 0)
        {
            return null;
        }

        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            return Marshal.PtrToStringUni(pointer);
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
