using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Remote;

/// <summary>A response body as UTF-8 bytes, for the page readers (no string decoding, one copy at most).</summary>
internal static class ResponseBody
{
    public static async Task<ArraySegment<byte>> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(int.MaxValue, Math.Max(0, stream.Length - stream.Position)) : 0);
        await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
