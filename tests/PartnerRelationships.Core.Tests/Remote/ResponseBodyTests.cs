using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Remote;

public class ResponseBodyTests
{
    private static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 % 251)).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(81920)]
    [InlineData(300_000)] // Larger than the first buffer when the length is unknown: it grows, keeping what was read.
    public async Task A_rented_body_holds_exactly_what_the_stream_held(int length)
    {
        var expected = Bytes(length);
        foreach (var stream in new Stream[] { new MemoryStream(expected), new UnseekableStream(expected) })
        {
            using var body = await ResponseBody.ReadRentedAsync(stream, CancellationToken.None);
            Assert.Equal(expected, body.Bytes.ToArray());
        }
    }

    [Fact]
    public async Task A_seekable_stream_is_read_from_its_position()
    {
        var stream = new MemoryStream(Bytes(1000)) { Position = 600 };
        using var body = await ResponseBody.ReadRentedAsync(stream, CancellationToken.None);
        Assert.Equal(Bytes(1000).Skip(600), body.Bytes.ToArray());
    }

    [Fact]
    public async Task KeepLast_narrows_to_the_tail_and_disposal_forgets_the_pooled_bytes()
    {
        var body = await ResponseBody.ReadRentedAsync(new MemoryStream(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' }), CancellationToken.None);
        body.KeepLast(2);
        Assert.Equal("{}"u8.ToArray(), body.Bytes.ToArray());
        body.Dispose();
        Assert.Equal(0, body.Bytes.Count);
        body.Dispose(); // Twice is harmless: the buffer is returned once.
    }

    [Fact]
    public void A_body_not_pooled_stays_readable_after_disposal()
    {
        var body = RentedBody.NotPooled(new ArraySegment<byte>("{}"u8.ToArray()));
        body.Dispose();
        Assert.Equal("{}"u8.ToArray(), body.Bytes.ToArray());
    }

    /// <summary>A network stream's shape: no length, short reads.</summary>
    private sealed class UnseekableStream : Stream
    {
        private readonly MemoryStream _inner;
        public UnseekableStream(byte[] bytes) => _inner = new MemoryStream(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7_000));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
