using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness.Clients;

public sealed class TraceIdTests
{
    // The W3C trace-context example id (https://www.w3.org/TR/trace-context/#examples-of-http-traceparent-headers)
    // written the ways the components write it.
    [Theory]
    [InlineData("0af7651916cd43dd8448eb211c80319c")]
    [InlineData("0AF7651916CD43DD8448EB211C80319C")]
    [InlineData("af7651916cd43dd8448eb211c80319c")]
    [InlineData("CvdlGRbNQ92ESOshHIAxnA==")]
    public void Every_encoding_of_one_id_compares_equal(string written)
    {
        TraceId.Parse(written).Should().Be(TraceId.Parse("0af7651916cd43dd8448eb211c80319c"));
        TraceId.Parse(written).Hex.Should().Be("0af7651916cd43dd8448eb211c80319c");
    }

    [Fact]
    public void Bytes_and_span_ids_normalise_to_lower_case_hex()
    {
        TraceId.FromBytes(Convert.FromHexString("0af7651916cd43dd8448eb211c80319c")).ToString().Should().Be("0af7651916cd43dd8448eb211c80319c");
        OtlpId.NormalizeSpanId("b7ad6b7169203331").Should().Be("b7ad6b7169203331");
        OtlpId.NormalizeSpanId("t61rcWkgMzE=").Should().Be("b7ad6b7169203331");
        OtlpId.NormalizeSpanId("").Should().BeEmpty("a root span has no parent");
    }

    [Fact]
    public void Text_that_is_no_id_is_rejected()
    {
        TraceId.TryParse("not an id!", out _).Should().BeFalse();
        TraceId.TryParse(null, out _).Should().BeFalse();
        var tooLong = () => TraceId.Parse(Convert.ToBase64String(new byte[20]));
        tooLong.Should().Throw<FormatException>();
    }
}
