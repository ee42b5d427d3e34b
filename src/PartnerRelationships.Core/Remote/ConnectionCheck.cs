using System;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Remote;

/// <summary>The outcome of checking a new connection: what the token says, and a warning worth showing.</summary>
public sealed record ConnectionCheckResult(AccessTokenClaims? Claims, string? Warning);

/// <summary>
/// Proves a new connection works before it is kept: signs in, then makes one cheap call (the first relationship,
/// or the first customer where GDAP does not exist), so a wrong secret or endpoint fails at connect, not halfway
/// through a runbook.
/// </summary>
public static class ConnectionCheck
{
    public static async Task<ConnectionCheckResult> VerifyAsync(PartnerConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection is null) throw new ArgumentNullException(nameof(connection));
        var endpoints = connection.Endpoints;
        var useGraph = endpoints.SupportsGranularAdmin;
        var scope = useGraph ? endpoints.GraphScope : endpoints.PartnerCenterScope;

        string token;
        try
        {
            token = await TokenAcquisition.GetTokenAsync(connection.Credential, scope, cancellationToken).ConfigureAwait(false);
        }
        // An expired or revoked refresh token keeps its own id: its message already says how to renew it.
        catch (PartnerRelationshipsException ex) when (ex.Category == ErrorKind.AuthenticationError && ex.ErrorId is not (ErrorIds.SignIn.AuthenticationFailed or ErrorIds.SignIn.RefreshTokenExpired))
        {
            throw AuthenticationFailed(ex.Message, ex);
        }

        var claims = AccessTokenClaims.Read(token);
        try
        {
            if (useGraph)
            {
                await FirstAsync(connection.GraphGdap.ListRelationshipsAsync(new RelationshipFilter { PageSize = 1 }, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await FirstAsync(connection.PartnerCenter.ListCustomersAsync(1, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PartnerRelationshipsException ex) when (ex.Category == ErrorKind.AuthenticationError)
        {
            throw AuthenticationFailed($"The service refused the sign-in: {ex.Message}", ex);
        }
        catch (PartnerRelationshipsException ex) when (ex.Category == ErrorKind.PermissionDenied)
        {
            // Signed in, but this account may only use part of the module (e.g. Partner Center without GDAP rights).
            return new ConnectionCheckResult(claims, $"Signed in, but the check call was refused: {ex.Message}");
        }

        return new ConnectionCheckResult(claims, null);
    }

    private static async Task FirstAsync<T>(System.Collections.Generic.IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        var enumerator = items.GetAsyncEnumerator(cancellationToken);
        try
        {
            await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static PartnerRelationshipsException AuthenticationFailed(string message, Exception inner)
        => new(ErrorIds.SignIn.AuthenticationFailed, ErrorKind.AuthenticationError,
            message.IndexOf(CommandNames.ConnectPartnerRelationship, StringComparison.Ordinal) >= 0 ? message : message + $" Check the credential and run {CommandNames.ConnectPartnerRelationship} again.",
            (inner as PartnerRelationshipsException)?.Target, inner);
}
