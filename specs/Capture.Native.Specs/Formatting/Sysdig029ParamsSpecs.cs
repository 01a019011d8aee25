using Capture.Native.Formatting;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Formatting;

public sealed class Sysdig029ParamsSpecs
{
    [Fact]
    public void Sysdig_029_types_only_rename_or_retype_a_parameter_of_the_same_size()
    {
        var changed = 0;
        foreach (var info in EventTable.All)
        {
            var legacy = Sysdig029Params.Of(info);
            Assert.Equal(info.Params.Length, legacy.Length);
            for (var i = 0; i < legacy.Length; i++)
            {
                if (legacy[i] == info.Params[i]) continue;
                changed++;
                Assert.Equal(ParamSizes.Fixed(info.Params[i].Type), ParamSizes.Fixed(legacy[i].Type));
                Assert.Equal(info.Params[i].Format, legacy[i].Format);
                Assert.True(info.LegacyParamCount > i, $"{info.EnumName} param {i} is not one sysdig 0.29.3 knew");
            }
        }
        Assert.Equal(29, changed);
    }

    [Fact]
    public void Enums_sysdig_029_walked_as_flags_keep_their_tables()
    {
        var socket = Sysdig029Params.Of(EventTable.Find(EventIds.PPME_SOCKET_SOCKET_E)!)[0];
        Assert.Equal(ParamType.FLAGS32, socket.Type);
        Assert.Same(FlagTables.socket_families, socket.Flags);
    }
}
