using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// A response body read whole into segments of at most <see cref="MaxSegment"/> bytes, which replaces the response's
/// content inside the attempt. HttpContent's own buffering grows one array by doubling: a list page of a few hundred KB
/// left two or three arrays on the large-object heap, which only a full collection takes back, and a large partner's
/// nightly check reads about 800 such pages. Segments stay on the small-object heap and die young.
/// </summary>
internal sealed class SegmentedBodyContent : HttpContent
{
    /// <summary>Below the large-object heap's threshold (85,000 bytes).</summary>
    internal const int MaxSegment = 64 * 1024;

    private const int FirstSegment = 4 * 1024;

    private readonly List<ArraySegment<byte>> _segments;
    private readonly long _length;

    private SegmentedBodyContent(List<ArraySegment<byte>> segments, long length)
    {
        _segments = segments;
        _length = length;
    }

    /// <summary>
    /// Reads <paramref name="content"/> to its end and returns a copy with the same headers; the original is disposed.
    /// The first segment fits a declared length (up to the maximum), later ones double up to it, so a small answer
    /// costs one small array.
    /// </summary>
    public static async Task<SegmentedBodyContent> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        var segments = new List<ArraySegment<byte>>();
        long length = 0;
        using (content)
        {
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            var size = declared is { } known ? (int)Math.Min(MaxSegment, Math.Max(1, known)) : FirstSegment;
            // A declared length is the end (HttpClient holds the body to it): no read past it to find the end.
            while (declared is not { } total || length < total)
            {
                var segment = new byte[size];
                var filled = 0;
                while (filled < segment.Length)
                {
                    var read = await stream.ReadAsync(segment, filled, segment.Length - filled, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                }

                if (filled > 0)
                {
                    segments.Add(new ArraySegment<byte>(segment, 0, filled));
                    length += filled;
                }

                if (filled < segment.Length)
                {
                    break;
                }

                size = (int)Math.Min(MaxSegment, declared is { } rest ? Math.Max(1, rest - length) : size * 2L);
            }

            var copy = new SegmentedBodyContent(segments, length);
            foreach (var header in content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            copy.Headers.ContentLength = length;
            return copy;
        }
    }

    /// <summary>The array each segment occupies (tests: none may reach the large-object heap).</summary>
    internal IEnumerable<int> SegmentArrayLengths
    {
        get
        {
            foreach (var segment in _segments)
            {
                yield return segment.Array!.Length;
            }
        }
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        foreach (var segment in _segments)
        {
            await stream.WriteAsync(segment.Array!, segment.Offset, segment.Count).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new SegmentedReadStream(_segments, _length));

    /// <summary>A read-only, seekable view of the segments.</summary>
    private sealed class SegmentedReadStream : Stream
    {
        private readonly List<ArraySegment<byte>> _segments;
        private readonly long _length;
        private long _position;
        private int _segment;
        private int _offset;

        public SegmentedReadStream(List<ArraySegment<byte>> segments, long length)
        {
            _segments = segments;
            _length = length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (buffer is null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));

            var copied = 0;
            while (copied < count && _segment < _segments.Count)
            {
                var current = _segments[_segment];
                var take = Math.Min(count - copied, current.Count - _offset);
                Buffer.BlockCopy(current.Array!, current.Offset + _offset, buffer, offset + copied, take);
                copied += take;
                _offset += take;
                if (_offset == current.Count)
                {
                    _segment++;
                    _offset = 0;
                }
            }

            _position += copied;
            return copied;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Read(buffer, offset, count));
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                SeekOrigin.End => _length + offset,
                _ => throw new ArgumentOutOfRangeException(nameof(origin)),
            };
            if (target < 0) throw new IOException("Cannot seek before the start of the body.");

            _position = target;
            _segment = 0;
            _offset = 0;
            var rest = Math.Min(target, _length);
            while (_segment < _segments.Count && rest >= _segments[_segment].Count)
            {
                rest -= _segments[_segment].Count;
                _segment++;
            }

            _offset = (int)rest;
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
