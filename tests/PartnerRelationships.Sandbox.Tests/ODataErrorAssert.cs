using Microsoft.Graph.Models.ODataErrors;

namespace PartnerRelationships.Sandbox.Tests;

internal static class ODataErrorAssert
{
    /// <summary>Runs the call, expects Graph's error body with the status and code, returns the error for more checks.</summary>
    public static async Task<ODataError> ThrowsAsync(int status, string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<ODataError>(call);
        Assert.Equal(status, error.ResponseStatusCode);
        Assert.Equal(code, error.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Error?.Message));
        return error;
    }
}
