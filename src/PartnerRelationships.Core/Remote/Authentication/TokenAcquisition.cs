using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>Gets a token and turns sign-in failures into a user-facing error (never with the token in it).</summary>
internal static class TokenAcquisition
{
    /// <summary>The library's message, with the service's own first line (e.g. "AADSTS7000215: …") when it kept it inside.</summary>
    private static string Describe(Exception ex)
    {
        var message = ex.Message.Trim();
        var inner = ex.InnerException?.Message;
        if (string.IsNullOrWhiteSpace(inner))
        {
            return message;
        }

        var first = inner!.Trim().Split('\n')[0].Trim();
        return message.IndexOf(first, StringComparison.Ordinal) >= 0 ? message : $"{message.TrimEnd(':', ' ')}: {first}";
    }

    /// <summary>A retry-exhaustion or connection failure of ours somewhere under a library's sign-in exception.</summary>
    private static PartnerRelationshipsException? Transient(Exception ex)
    {
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is PartnerRelationshipsException found && IsTransient(found))
            {
                return found;
            }
        }

        return null;
    }

    private static bool IsTransient(PartnerRelationshipsException ex)
        => ex.Category is ErrorKind.ResourceUnavailable or ErrorKind.ConnectionError or ErrorKind.LimitsExceeded or ErrorKind.OperationTimeout;

    /// <summary>The shared retrying transport gave up on the sign-in endpoint: the service, not the credential.</summary>
    private static PartnerRelationshipsException Unavailable(string scope, PartnerRelationshipsException transient)
        => new(
            ErrorIds.SignIn.SignInEndpointUnavailable,
            transient.Category,
            $"Sign-in for {scope} failed because the sign-in endpoint did not answer usefully ({transient.Message.TrimEnd('.')}). This is not a wrong secret: try again later.",
            scope,
            transient);

    public static async Task<string> GetTokenAsync(TokenCredential credential, string scope, CancellationToken cancellationToken)
    {
        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext(new[] { scope }), cancellationToken).ConfigureAwait(false);
            return token.Token;
        }
        catch (PartnerRelationshipsException ex) when (IsTransient(ex) && ex.ErrorId != ErrorIds.SignIn.SignInEndpointUnavailable)
        {
            throw Unavailable(scope, ex);
        }
        catch (PartnerRelationshipsException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (Transient(ex) is { } transient)
        {
            throw Unavailable(scope, transient);
        }
        catch (CredentialUnavailableException ex)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.SignIn.CredentialUnavailable,
                ErrorKind.AuthenticationError,
                $"Cannot sign in: {ex.Message} Check Auth in the configuration, or run {CommandNames.ConnectPartnerRelationship} with another method.",
                scope,
                ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.SignIn.AuthenticationFailed,
                ErrorKind.AuthenticationError,
                $"Sign-in failed for {scope}: {Resilience.Redactor.RedactBody(Describe(ex))} Check the client id, tenant and credential, then run {CommandNames.ConnectPartnerRelationship} again.",
                scope,
                ex);
        }
    }
}
