using Capture.Native.Files;

namespace Capture.Native.Specs.Files.Fuzzing;

/// <summary>
/// Each kind of user-list damage the first mutation campaign found crashing `capture -r`
/// (an exception out of the user-list parser), kept as a small file: read to the end, with
/// the list reported once as a damaged block and every event after it delivered.
/// </summary>
public class DamagedUserListSpecs
{
    [Theory]
    [MemberData(nameof(DamagedUserList.Kinds), MemberType = typeof(DamagedUserList))]
    public void A_damaged_user_list_is_one_problem_naming_the_block_and_field_and_every_event_is_read(string kind, string reason)
    {
        var path = RepoPaths.Fixture(DamagedUserList.FixtureName(kind));
        var outcome = ReadOutcome.Of(File.ReadAllBytes(path), path);

        Assert.Null(outcome.Fault);
        Assert.Equal(DamagedUserList.Events, outcome.Timestamps.Count);
        var problem = Assert.Single(outcome.Reader!.Problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains($"damaged user list block (type 0x220) at byte {DamagedUserList.UserList.Offset} skipped: {reason}", problem.Reason);
        Assert.InRange(problem.Offset, DamagedUserList.UserList.Offset, DamagedUserList.UserList.End);
        Assert.DoesNotContain(outcome.Reader.MetadataBlocks, b => BlockType.IsUserList(b.Type));
    }

    [Theory]
    [MemberData(nameof(DamagedUserList.Kinds), MemberType = typeof(DamagedUserList))]
    public void The_committed_file_is_what_the_harness_makes(string kind, string _)
        => Assert.Equal(DamagedUserList.Make(kind), File.ReadAllBytes(RepoPaths.Fixture(DamagedUserList.FixtureName(kind))));
}
