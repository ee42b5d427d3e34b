using System;
using System.Buffers;
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

    /// <summary>
    /// The body in a buffer rented from the shared pool, returned when the <see cref="RentedBody"/> is disposed. For
    /// list pages (a few hundred KB each): their readers copy out every value they keep, and a new array per page
    /// landed on the large-object heap, hundreds of them in a large listing.
    /// </summary>
    public static async Task<RentedBody> ReadRentedAsync(Stream stream, CancellationToken cancellationToken)
    {
        // A known length gets one spare byte, so the read that finds the end needs no larger buffer.
        var known = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : -1;
        var buffer = ArrayPool<byte>.Shared.Rent(known >= 0 && known < int.MaxValue ? (int)known + 1 : 81920);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new RentedBody(buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}

/// <summary>
/// A response body, usually in a pooled buffer: nothing may keep a reference into it after disposal. One that is not
/// pooled (<see cref="NotPooled"/>) may be kept, e.g. by a JsonDocument parsed from it.
/// </summary>
internal sealed class RentedBody : IDisposable
{
    private byte[]? _buffer;

    public RentedBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Bytes = new ArraySegment<byte>(buffer, 0, length);
    }

    private RentedBody(ArraySegment<byte> bytes) => Bytes = bytes;

    public static RentedBody NotPooled(ArraySegment<byte> bytes) => new(bytes);

    public ArraySegment<byte> Bytes { get; private set; }

    /// <summary>Narrows the body to its last <paramref name="count"/> bytes (e.g. without a byte order mark).</summary>
    public void KeepLast(int count) => Bytes = new ArraySegment<byte>(Bytes.Array!, Bytes.Offset + Bytes.Count - count, count);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = null;
        if (buffer is not null)
        {
            Bytes = default;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
