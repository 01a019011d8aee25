using System.Reflection;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Specs.Formatting;

namespace Capture.Native.Specs.Schema;

/// <summary>
/// The state updates find arguments through the generated ParamIndex and ParamSlots instead
/// of comparing names; these prove that every generated position names the parameter the
/// schema table puts there, for every event and every parameter name.
/// </summary>
public sealed class ParamIndexSpecs
{
    delegate ReadOnlySpan<sbyte> SlotTable();

    [Fact]
    public void Every_ParamIndex_constant_is_the_position_of_the_parameter_it_is_named_after()
    {
        var nested = typeof(ParamIndex).GetNestedTypes();
        var withParams = EventTable.All.ToArray().Where(e => e.Params.Length > 0).ToList();
        Assert.Equal(withParams.Select(e => e.EnumName).Order(), nested.Select(t => t.Name).Order());
        foreach (var e in withParams)
        {
            var constants = nested.Single(t => t.Name == e.EnumName).GetFields(BindingFlags.Public | BindingFlags.Static)
                .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
            Assert.Equal(e.Params.Length, constants.Count);
            for (var i = 0; i < e.Params.Length; i++)
                Assert.True(constants.TryGetValue(Identifier(e.Params[i].Name), out var index) && index == i,
                    $"{e.EnumName}: parameter {i} is '{e.Params[i].Name}', ParamIndex says {(constants.ContainsKey(Identifier(e.Params[i].Name)) ? index : "nothing")}");
        }
    }

    [Fact]
    public void Every_ParamSlots_table_gives_each_event_the_position_of_its_parameter_of_that_name_or_minus_one()
    {
        var events = EventTable.All.ToArray();
        var names = events.SelectMany(e => e.Params.Select(p => p.Name)).Distinct().ToList();
        var tables = typeof(ParamSlots).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(p => p.Name, p => p.GetMethod!.CreateDelegate<SlotTable>());
        Assert.Equal(names.Select(Identifier).Order(), tables.Keys.Order());
        foreach (var name in names)
        {
            var slots = tables[Identifier(name)]();
            Assert.InRange(slots.Length, 1, events.Length);
            foreach (var e in events)
            {
                var expected = Array.FindIndex(e.Params, p => p.Name == name);
                var actual = e.Id < slots.Length ? slots[e.Id] : -1;
                Assert.True(expected == actual, $"'{name}' in {e.EnumName} ({e.Id}): the table says {actual}, the event has it at {expected}");
            }
            Assert.NotEqual(-1, slots[^1]); // each table ends at the last event that has the parameter
        }
    }

    [Fact]
    public void An_argument_an_older_file_left_out_reads_as_absent_though_the_schema_lists_it()
    {
        // clone_20's exit written with its first five parameters only: pid (index 4) is there, ptid (5) is not.
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_CLONE_20_X).I64(0).Str("/bin/sh").Str("").I64(7).I64(6).Build();
        var ev = FrameBuilder.View(frame);

        Assert.True(EventParams.TryInt64(ev, ParamSlots.Pid, out var pid));
        Assert.Equal(6, pid);
        Assert.Equal(-1, EventParams.IndexOf(ev, ParamSlots.Ptid));
        Assert.False(EventParams.TryInt64(ev, ParamSlots.Ptid, out _));
        Assert.Equal(-1, EventParams.IndexOf(ev, ParamSlots.Dirfd)); // clone has no dirfd at all
    }

    [Fact]
    public void Finding_an_argument_through_a_slot_table_allocates_nothing()
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_CLONE_20_X).I64(0).Str("/bin/sh").Str("").I64(7).I64(6).Build();
        var ev = FrameBuilder.View(frame);
        EventParams.TryInt64(ev, ParamSlots.Pid, out _);
        EventParams.IndexOf(ev, ParamSlots.Fd); // both paths once first, so their first use is not counted

        var before = GC.GetAllocatedBytesForCurrentThread();
        long sum = 0;
        for (var i = 0; i < 1000; i++)
            if (EventParams.TryInt64(ev, ParamSlots.Pid, out var pid) && EventParams.IndexOf(ev, ParamSlots.Fd) < 0) sum += pid;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(6000, sum);
    }

    /// <summary>The generator's naming rule: pid_fd → PidFd, nativeID → NativeID.</summary>
    static string Identifier(string name) =>
        string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
