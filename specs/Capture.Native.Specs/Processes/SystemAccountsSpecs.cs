using Capture.Native.Files;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Specs.Files;
using static Capture.Native.Specs.Frames;

namespace Capture.Native.Specs.Processes;

public sealed class SystemAccountsSpecs
{
    static string Etc(Scratch scratch)
    {
        File.WriteAllLines(scratch.File("passwd"), [
            "root:x:0:0:root:/root:/bin/bash",
            "# a comment",
            "alice:x:1000:100:Alice:/home/alice:/bin/zsh",
            "broken:x:notanumber:0::/:/bin/sh",
            "short:x:7",
        ]);
        File.WriteAllLines(scratch.File("group"), ["root:x:0:", "users:x:100:alice", "bad:x:-1:"]);
        return scratch.Directory;
    }

    [Fact]
    public void Users_and_groups_are_read_from_passwd_and_group_and_lines_that_do_not_parse_are_skipped()
    {
        using var scratch = new Scratch();
        var etc = Etc(scratch);
        Assert.Equal([new SystemAccount(0, 0, "root", "/root", "/bin/bash"), new SystemAccount(1000, 100, "alice", "/home/alice", "/bin/zsh")],
            SystemAccounts.Users(etc));
        Assert.Equal(["root", "users"], SystemAccounts.Groups(etc).Select(g => g.Name));
        Assert.Empty(SystemAccounts.Users(Path.Combine(scratch.Directory, "missing")));
    }

    [Fact]
    public void A_written_user_list_gives_readers_and_sysdig_the_names_of_uids_and_gids()
    {
        using var scratch = new Scratch();
        var etc = Etc(scratch);
        var path = scratch.File("users.scap");
        var alice = new ThreadEntry(4242, 4242, 1, "zsh", "zsh", "/bin/zsh", [], "/home/alice", 1000, 100);
        using (var writer = ScapFileWriter.Create(path, new ScapWriteOptions { Sysdig2022Compatible = true }))
        {
            writer.WriteUserList(SystemAccounts.Users(etc), SystemAccounts.Groups(etc));
            writer.WriteProcessList([alice]);
            writer.WriteEvent(Build(1_700_000_000_000_000_000, 4242, EventIds.PPME_SYSCALL_READ_E, I64(0), U32(8)), 0);
        }

        using (var reader = ScapFileReader.Open(path))
        {
            var names = new AccountNames();
            foreach (var account in reader.Accounts) account.AddTo(names);
            Assert.Equal("alice"u8.ToArray(), names.UserName(1000));
            Assert.Equal("users"u8.ToArray(), names.GroupName(100));
        }
        var sysdig = Sysdig.Open(path, "-p", "%user.name %user.homedir %user.shell %group.name");
        Assert.Equal("alice /home/alice /bin/zsh users\n", sysdig.Output);
    }
}
