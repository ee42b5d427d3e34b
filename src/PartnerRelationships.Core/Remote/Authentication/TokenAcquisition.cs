using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>Gets a token and turns sign-in failures into a user-facing error (never with the token in it).</summary>
internal static class TokenAcquisition
{
    public static async Task<string> GetTokenAsync(TokenCredential credential, string scope, CancellationToken cancellationToken)
    {
        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext(new[] { scope }), cancellationToken).ConfigureAwait(false);
            return token.Token;
        }
        catch (PartnerRelationshipsException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (CredentialUnavailableException ex)
        {
            throw new PartnerRelationshipsException(
                "CredentialUnavailable",
                ErrorKind.AuthenticationError,
                $"Cannot sign in: {ex.Message} Check Auth in the configuration, or run Connect-PartnerRelationship with another method.",
                scope,
                ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new PartnerRelationshipsException(
                "AuthenticationFailed",
                ErrorKind.AuthenticationError,
                $"Sign-in failed for {scope}: {Resilience.Redactor.RedactBody(ex.Message)} Check the client id, tenant and credential, then run Connect-PartnerRelationship again.",
                scope,
                ex);
        }
    }
}
