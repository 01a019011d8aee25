namespace Capture.Native.Specs.Formatting;

/// <summary>One event taken from a fixture: sysdig's number for it, its cpu, and its frame as hex.</summary>
public sealed record FixtureEvent(ulong Number, ushort Cpu, string FrameHex)
{
    public byte[] Frame => Convert.FromHexString(FrameHex);
}

/// <summary>
/// Raw events copied out of the fixtures in specs/fixtures/scap (v1 events of
/// libs-curl_google.scap converted to v2 frames: nparams inserted, lengths kept), with the
/// lines `sysdig -r FILE` (0.29.3) and `sysdig -r FILE -j` print for them, verbatim.
/// </summary>
public static class FixtureEvents
{
    /// <summary>libs-curl_google.scap, events 211 to 242: the execve of curl and the dynamic loader at work.</summary>
    public static readonly FixtureEvent[] CurlGoogle =
    [
        new(211, 0, "ab3356427ebc4b1559440000000000003c090000e700100000000800050019000800080008000d000800080008000400040004000500ba00d40700000000000000006375726c002d3600687474703a2f2f7777772e676f6f676c652e636f6d0059440000000000005944000000000000800c0000000000002f686f6d652f7562756e747500000400000000000000000000000000002200000000000000fc01000004000000000000006375726c006370757365743d2f006370753d2f757365722e736c69636500637075616363743d2f757365722e736c69636500696f3d2f757365722e736c696365006d656d6f72793d2f757365722e736c69636500646576696365733d2f757365722e736c69636500667265657a65723d2f006e65745f636c733d2f00706572665f6576656e743d2f006e65745f7072696f3d2f0068756765746c623d2f00706964733d2f757365722e736c6963652f757365722d313030302e736c696365005844475f53455353494f4e5f49443d31005445524d3d787465726d2d323536636f6c6f72005348454c4c3d2f62696e2f62617368005353485f434c49454e543d35302e3230372e3133372e323436203633373430203232005353485f5454593d2f6465762f7074732f3100555345523d7562756e7475004c535f434f4c4f52533d72733d303a64693d30313b33343a6c6e3d30313b33363a6d683d30303a70693d34303b33333a736f3d30313b33353a646f3d30313b33353a62643d34303b33333b30313a63643d34303b33333b30313a6f723d34303b33313b30313a6d693d30303a73753d33373b34313a73673d33303b34333a63613d33303b34313a74773d33303b34323a6f773d33343b34323a73743d33373b34343a65783d30313b33323a2a2e7461723d30313b33313a2a2e74677a3d30313b33313a2a2e6172633d30313b33313a2a2e61726a3d30313b33313a2a2e74617a3d30313b33313a2a2e6c68613d30313b33313a2a2e6c7a343d30313b33313a2a2e6c7a683d30313b33313a2a2e6c7a6d613d30313b33313a2a2e746c7a3d30313b33313a2a2e74787a3d30313b33313a2a2e747a6f3d30313b33313a2a2e74377a3d30313b33313a2a2e7a69703d30313b33313a2a2e7a3d30313b33313a2a2e5a3d30313b33313a2a2e647a3d30313b33313a2a2e677a3d30313b33313a2a2e6c727a3d30313b33313a2a2e6c7a3d30313b33313a2a2e6c7a6f3d30313b33313a2a2e787a3d30313b33313a2a2e627a323d30313b33313a2a2e627a3d30313b33313a2a2e74627a3d30313b33313a2a2e74627a323d30313b33313a2a2e747a3d30313b33313a2a2e6465623d30313b33313a2a2e72706d3d30313b33313a2a2e6a61723d30313b33313a2a2e7761723d30313b33313a2a2e6561723d30313b33313a2a2e7361723d30313b33313a2a2e7261723d30313b33313a2a2e616c7a3d30313b33313a2a2e6163653d30313b33313a2a2e7a6f6f3d30313b33313a2a2e6370696f3d30313b33313a2a2e377a3d30313b33313a2a2e727a3d30313b33313a2a2e6361623d30313b33313a2a2e6a70673d30313b33353a2a2e6a7065673d30313b33353a2a2e6769663d30313b33353a2a2e626d703d30313b33353a2a2e70626d3d30313b33353a2a2e70676d3d30313b33353a2a2e70706d3d30313b33353a2a2e7467613d30313b33353a2a2e78626d3d30313b33353a2a2e78706d3d30313b33353a2a2e7469663d30313b33353a2a2e746966663d30313b33353a2a2e706e673d30313b33353a2a2e7376673d30313b33353a2a2e7376677a3d30313b33353a2a2e6d6e673d30313b33353a2a2e7063783d30313b33353a2a2e6d6f763d30313b33353a2a2e6d70673d30313b33353a2a2e6d7065673d30313b33353a2a2e6d32763d30313b33353a2a2e6d6b763d30313b33353a2a2e7765626d3d30313b33353a2a2e6f676d3d30313b33353a2a2e6d70343d30313b33353a2a2e6d34763d30313b33353a2a2e6d7034763d30313b33353a2a2e766f623d30313b33353a2a2e71743d30313b33353a2a2e6e75763d30313b33353a2a2e776d763d30313b33353a2a2e6173663d30313b33353a2a2e726d3d30313b33353a2a2e726d76623d30313b33353a2a2e666c633d30313b33353a2a2e6176693d30313b33353a2a2e666c693d30313b33353a2a2e666c763d30313b33353a2a2e676c3d30313b33353a2a2e646c3d30313b33353a2a2e7863663d30313b33353a2a2e7877643d30313b33353a2a2e7975763d30313b33353a2a2e63676d3d30313b33353a2a2e656d663d30313b33353a2a2e6f67763d30313b33353a2a2e6f67783d30313b33353a2a2e6161633d30303b33363a2a2e61753d30303b33363a2a2e666c61633d30303b33363a2a2e6d34613d30303b33363a2a2e6d69643d30303b33363a2a2e6d6964693d30303b33363a2a2e6d6b613d30303b33363a2a2e6d70333d30303b33363a2a2e6d70633d30303b33363a2a2e6f67673d30303b33363a2a2e72613d30303b33363a2a2e7761763d30303b33363a2a2e6f67613d30303b33363a2a2e6f7075733d30303b33363a2a2e7370783d30303b33363a2a2e787370663d30303b33363a004d41494c3d2f7661722f6d61696c2f7562756e747500504154483d2f686f6d652f7562756e74752f62696e3a2f686f6d652f7562756e74752f2e6c6f63616c2f62696e3a2f7573722f6c6f63616c2f7362696e3a2f7573722f6c6f63616c2f62696e3a2f7573722f7362696e3a2f7573722f62696e3a2f7362696e3a2f62696e3a2f7573722f67616d65733a2f7573722f6c6f63616c2f67616d65733a2f736e61702f62696e005057443d2f686f6d652f7562756e7475004c414e473d656e5f55532e5554462d380053484c564c3d3100484f4d453d2f686f6d652f7562756e7475004c4f474e414d453d7562756e7475005844475f444154415f444952533d2f7573722f6c6f63616c2f73686172653a2f7573722f73686172653a2f7661722f6c69622f736e6170642f6465736b746f70005353485f434f4e4e454354494f4e3d35302e3230372e3133372e3234362036333734302031302e302e302e3739203232004c4553534f50454e3d7c202f7573722f62696e2f6c65737370697065202573005844475f52554e54494d455f4449523d2f72756e2f757365722f31303030004c455353434c4f53453d2f7573722f62696e2f6c65737370697065202573202573005f3d2f7573722f62696e2f6375726c00"),
        new(212, 0, "e77156427ebc4b155944000000000000240000009e000100000008000000000000000000"),
        new(213, 0, "2a7556427ebc4b155944000000000000360000009f000400000008000400040004000030e70ddb550000fc0100000400000000000000"),
        new(214, 0, "19ba56427ebc4b15594400000000000020000000080101000000040000000000"),
        new(215, 0, "84c756427ebc4b1559440000000000003900000009010200000008001300feffffffffffffff2f6574632f6c642e736f2e6e6f687763617000"),
        new(216, 0, "04d156427ebc4b15594400000000000020000000080101000000040004000000"),
        new(217, 0, "20da56427ebc4b1559440000000000003900000009010200000008001300feffffffffffffff2f6574632f6c642e736f2e7072656c6f616400"),
        new(218, 0, "02e656427ebc4b1559440000000000001a000000020000000000"),
        new(219, 0, "3af556427ebc4b15594400000000000043000000030004000000080011000400040003000000000000002f6574632f6c642e736f2e6361636865000110000000000000"),
        new(220, 0, "99f956427ebc4b1559440000000000002400000046000100000008000300000000000000"),
        new(221, 0, "f90157427ebc4b1559440000000000002400000047000100000008000000000000000000"),
        new(222, 0, "4d0457427ebc4b1559440000000000004e000000a000060000000800080004000400080008000000000000000000ca60000000000000010000000200000003000000000000000000000000000000"),
        new(223, 0, "350d57427ebc4b15594400000000000036000000a10004000000080004000400040000e07497a67f0000180200000400000000000000"),
        new(224, 0, "c41057427ebc4b1559440000000000002400000004000100000008000300000000000000"),
        new(225, 0, "361257427ebc4b1559440000000000002400000005000100000008000000000000000000"),
        new(226, 0, "c61d57427ebc4b15594400000000000020000000080101000000040000000000"),
        new(227, 0, "ad2057427ebc4b1559440000000000003900000009010200000008001300feffffffffffffff2f6574632f6c642e736f2e6e6f687763617000"),
        new(228, 0, "a92957427ebc4b1559440000000000001a000000020000000000"),
        new(229, 0, "5a3557427ebc4b1559440000000000006000000003000400000008002e000400040003000000000000002f7573722f6c69622f7838365f36342d6c696e75782d676e752f6c69626375726c2d676e75746c732e736f2e34000110000000000000"),
        new(230, 0, "293857427ebc4b1559440000000000002a00000006000200000008000400030000000000000040030000"),
        new(231, 0, "623e57427ebc4b155944000000000000760000000700020000000800500040030000000000007f454c4602010100000000000000000003003e0001000000b08d0000000000004000000000000000c0c20600000000000000000040003800070040001b001a0001000000050000000000000000000000"),
        new(232, 0, "934257427ebc4b1559440000000000002400000046000100000008000300000000000000"),
        new(233, 0, "ff4357427ebc4b1559440000000000002400000047000100000008000000000000000000"),
        new(234, 0, "614657427ebc4b1559440000000000004e000000a0000600000008000800040004000800080000000000000000000010000000000000030000000a000000ffffffffffffffff0000000000000000"),
        new(235, 0, "b64b57427ebc4b15594400000000000036000000a10004000000080004000400040000d07497a67f00001c0200000400000000000000"),
        new(236, 0, "8c5557427ebc4b1559440000000000004e000000a00006000000080008000400040008000800000000000000000048c4260000000000050000000204000003000000000000000000000000000000"),
        new(237, 0, "375a57427ebc4b15594400000000000036000000a10004000000080004000400040000302c97a67f0000d00b00000400000000000000"),
        new(238, 0, "b95c57427ebc4b15594400000000000022000000000002000000020002004b000a00"),
        new(239, 0, "496957427ebc4b1559440000000000001e00000001000100000002004b00"),
        new(240, 0, "1f6b57427ebc4b1559440000000000004e000000a0000600000008000800040004000800080000c05297a67f00000040000000000000030000000604000003000000000000000090060000000000"),
        new(241, 0, "e77457427ebc4b15594400000000000036000000a10004000000080004000400040000c05297a67f0000d00b00002401000000000000"),
        new(242, 0, "088e57427ebc4b1559440000000000002400000004000100000008000300000000000000"),
    ];

    public static readonly string[] CurlGoogleText =
    [
        """211 17:35:48.514632619 0 curl (17497) < execve res=0 exe=curl args=-6.http://www.google.com. tid=17497(curl) pid=17497(curl) ptid=3200(bash) cwd=/home/ubuntu fdlimit=1024 pgft_maj=0 pgft_min=34 vm_size=508 vm_rss=4 vm_swap=0 comm=curl cgroups=cpuset=/.cpu=/user.slice.cpuacct=/user.slice.io=/user.slice.memory=/user.slic... env=XDG_SESSION_ID=1.TERM=xterm-256color.SHELL=/bin/bash.SSH_CLIENT=50.207.137.24... """,
        """212 17:35:48.514648551 0 curl (17497) > brk addr=0 """,
        """213 17:35:48.514649386 0 curl (17497) < brk res=55DB0DE73000 vm_size=508 vm_rss=4 vm_swap=0 """,
        """214 17:35:48.514667033 0 curl (17497) > access mode=0(F_OK) """,
        """215 17:35:48.514670468 0 curl (17497) < access res=-2(ENOENT) name=/etc/ld.so.nohwcap """,
        """216 17:35:48.514672900 0 curl (17497) > access mode=4(R_OK) """,
        """217 17:35:48.514675232 0 curl (17497) < access res=-2(ENOENT) name=/etc/ld.so.preload """,
        """218 17:35:48.514678274 0 curl (17497) > open """,
        """219 17:35:48.514682170 0 curl (17497) < open fd=3(<f>/etc/ld.so.cache) name=/etc/ld.so.cache flags=4097(O_RDONLY|O_CLOEXEC) mode=0 """,
        """220 17:35:48.514683289 0 curl (17497) > fstat fd=3(<f>/etc/ld.so.cache) """,
        """221 17:35:48.514685433 0 curl (17497) < fstat res=0 """,
        """222 17:35:48.514686029 0 curl (17497) > mmap addr=0 length=24778 prot=1(PROT_READ) flags=2(MAP_PRIVATE) fd=3(<f>/etc/ld.so.cache) offset=0 """,
        """223 17:35:48.514688309 0 curl (17497) < mmap res=7FA69774E000 vm_size=536 vm_rss=4 vm_swap=0 """,
        """224 17:35:48.514689220 0 curl (17497) > close fd=3(<f>/etc/ld.so.cache) """,
        """225 17:35:48.514689590 0 curl (17497) < close res=0 """,
        """226 17:35:48.514692550 0 curl (17497) > access mode=0(F_OK) """,
        """227 17:35:48.514693293 0 curl (17497) < access res=-2(ENOENT) name=/etc/ld.so.nohwcap """,
        """228 17:35:48.514695593 0 curl (17497) > open """,
        """229 17:35:48.514698586 0 curl (17497) < open fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) name=/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4 flags=4097(O_RDONLY|O_CLOEXEC) mode=0 """,
        """230 17:35:48.514699305 0 curl (17497) > read fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) size=832 """,
        """231 17:35:48.514700898 0 curl (17497) < read res=832 data=.ELF..............>.............@...................@.8...@..................... """,
        """232 17:35:48.514701971 0 curl (17497) > fstat fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) """,
        """233 17:35:48.514702335 0 curl (17497) < fstat res=0 """,
        """234 17:35:48.514702945 0 curl (17497) > mmap addr=0 length=4096 prot=3(PROT_READ|PROT_WRITE) flags=10(MAP_PRIVATE|MAP_ANONYMOUS) fd=-1(EPERM) offset=0 """,
        """235 17:35:48.514704310 0 curl (17497) < mmap res=7FA69774D000 vm_size=540 vm_rss=4 vm_swap=0 """,
        """236 17:35:48.514706828 0 curl (17497) > mmap addr=0 length=2540616 prot=5(PROT_READ|PROT_EXEC) flags=1026(MAP_PRIVATE|MAP_DENYWRITE) fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) offset=0 """,
        """237 17:35:48.514708023 0 curl (17497) < mmap res=7FA6972C3000 vm_size=3024 vm_rss=4 vm_swap=0 """,
        """238 17:35:48.514708665 0 curl (17497) > mprotect """,
        """239 17:35:48.514711881 0 curl (17497) < mprotect """,
        """240 17:35:48.514712351 0 curl (17497) > mmap addr=7FA69752C000 length=16384 prot=3(PROT_READ|PROT_WRITE) flags=1030(MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE) fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) offset=430080 """,
        """241 17:35:48.514714855 0 curl (17497) < mmap res=7FA69752C000 vm_size=3024 vm_rss=292 vm_swap=0 """,
        """242 17:35:48.514721288 0 curl (17497) > close fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) """,
    ];

    public static readonly string[] CurlGoogleJson =
    [
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=0 exe=curl args=-6.http://www.google.com. tid=17497(curl) pid=17497(curl) ptid=3200(bash) cwd=/home/ubuntu fdlimit=1024 pgft_maj=0 pgft_min=34 vm_size=508 vm_rss=4 vm_swap=0 comm=curl cgroups=cpuset=/.cpu=/user.slice.cpuacct=/user.slice.io=/user.slice.memory=/user.slice.devices=/user.slice.freezer=/.net_cls=/.perf_event=/.net_prio=/.hugetlb=/.pids=/user.slice/user-1000.slice. env=XDG_SESSION_ID=1.TERM=xterm-256color.SHELL=/bin/bash.SSH_CLIENT=50.207.137.246 63740 22.SSH_TTY=/dev/pts/1.USER=ubuntu.LS_COLORS=rs=0:di=01;34:ln=01;36:mh=00:pi=40;33:so=01;35:do=01;35:bd=40;33;01:cd=40;33;01:or=40;31;01:mi=00:su=37;41:sg=30;43:ca=30;41:tw=30;42:ow=34;42:st=37;44:ex=01;32:*.tar=01;31:*.tgz=01;31:*.arc=01;31:*.arj=01;31:*.taz=01;31:*.lha=01;31:*.lz4=01;31:*.lzh=01;31:*.lzma=01;31:*.tlz=01;31:*.txz=01;31:*.tzo=01;31:*.t7z=01;31:*.zip=01;31:*.z=01;31:*.Z=01;31:*.dz=01;31:*.gz=01;31:*.lrz=01;31:*.lz=01;31:*.lzo=01;31:*.xz=01;31:*.bz2=01;31:*.bz=01;31:*.tbz=01;31:*.tbz2=01;31:*.tz=01;31:*.deb=01;31:*.rpm=01;31:*.jar=01;31:*.war=01;31:*.ear=01;31:*.sar=01;31:*.rar=01;31:*.alz=01;31:*.ace=01;31:*.zoo=01;31:*.cpio=01;31:*.7z=01;31:*.rz=01;31:*.cab=01;31:*.jpg=01;35:*.jpeg=01;35:*.gif=01;35:*.bmp=01;35:*.pbm=01;35:*.pgm=01;35:*.ppm=01;35:*.tga=01;35:*.xbm=01;35:*.xpm=01;35:*.tif=01;35:*.tiff=01;35:*.png=01;35:*.svg=01;35:*.svgz=01;35:*.mng=01;35:*.pcx=01;35:*.mov=01;35:*.mpg=01;35:*.mpeg=01;35:*.m2v=01;35:*.mkv=01;35:*.webm=01;35:*.ogm=01;35:*.mp4=01;35:*.m4v=01;35:*.mp4v=01;35:*.vob=01;35:*.qt=01;35:*.nuv=01;35:*.wmv=01;35:*.asf=01;35:*.rm=01;35:*.rmvb=01;35:*.flc=01;35:*.avi=01;35:*.fli=01;35:*.flv=01;35:*.gl=01;35:*.dl=01;35:*.xcf=01;35:*.xwd=01;35:*.yuv=01;35:*.cgm=01;35:*.emf=01;35:*.ogv=01;35:*.ogx=01;35:*.aac=00;36:*.au=00;36:*.flac=00;36:*.m4a=00;36:*.mid=00;36:*.midi=00;36:*.mka=00;36:*.mp3=00;36:*.mpc=00;36:*.ogg=00;36:*.ra=00;36:*.wav=00;36:*.oga=00;36:*.opus=00;36:*.spx=00;36:*.xspf=00;36:.MAIL=/var/mail/ubuntu.PATH=/home/ubuntu/bin:/home/ubuntu/.local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin.PWD=/home/ubuntu.LANG=en_US.UTF-8.SHLVL=1.HOME=/home/ubuntu.LOGNAME=ubuntu.XDG_DATA_DIRS=/usr/local/share:/usr/share:/var/lib/snapd/desktop.SSH_CONNECTION=50.207.137.246 63740 10.0.0.79 22.LESSOPEN=| /usr/bin/lesspipe %s.XDG_RUNTIME_DIR=/run/user/1000.LESSCLOSE=/usr/bin/lesspipe %s %s._=/usr/bin/curl. ","evt.num":211,"evt.outputtime":1534527348514632619,"evt.type":"execve","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"addr=0 ","evt.num":212,"evt.outputtime":1534527348514648551,"evt.type":"brk","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=55DB0DE73000 vm_size=508 vm_rss=4 vm_swap=0 ","evt.num":213,"evt.outputtime":1534527348514649386,"evt.type":"brk","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"mode=0(F_OK) ","evt.num":214,"evt.outputtime":1534527348514667033,"evt.type":"access","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=-2(ENOENT) name=/etc/ld.so.nohwcap ","evt.num":215,"evt.outputtime":1534527348514670468,"evt.type":"access","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"mode=4(R_OK) ","evt.num":216,"evt.outputtime":1534527348514672900,"evt.type":"access","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=-2(ENOENT) name=/etc/ld.so.preload ","evt.num":217,"evt.outputtime":1534527348514675232,"evt.type":"access","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"","evt.num":218,"evt.outputtime":1534527348514678274,"evt.type":"open","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"fd=3(<f>/etc/ld.so.cache) name=/etc/ld.so.cache flags=4097(O_RDONLY|O_CLOEXEC) mode=0 ","evt.num":219,"evt.outputtime":1534527348514682170,"evt.type":"open","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"fd=3(<f>/etc/ld.so.cache) ","evt.num":220,"evt.outputtime":1534527348514683289,"evt.type":"fstat","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=0 ","evt.num":221,"evt.outputtime":1534527348514685433,"evt.type":"fstat","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"addr=0 length=24778 prot=1(PROT_READ) flags=2(MAP_PRIVATE) fd=3(<f>/etc/ld.so.cache) offset=0 ","evt.num":222,"evt.outputtime":1534527348514686029,"evt.type":"mmap","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=7FA69774E000 vm_size=536 vm_rss=4 vm_swap=0 ","evt.num":223,"evt.outputtime":1534527348514688309,"evt.type":"mmap","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"fd=3(<f>/etc/ld.so.cache) ","evt.num":224,"evt.outputtime":1534527348514689220,"evt.type":"close","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=0 ","evt.num":225,"evt.outputtime":1534527348514689590,"evt.type":"close","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"mode=0(F_OK) ","evt.num":226,"evt.outputtime":1534527348514692550,"evt.type":"access","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=-2(ENOENT) name=/etc/ld.so.nohwcap ","evt.num":227,"evt.outputtime":1534527348514693293,"evt.type":"access","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"","evt.num":228,"evt.outputtime":1534527348514695593,"evt.type":"open","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) name=/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4 flags=4097(O_RDONLY|O_CLOEXEC) mode=0 ","evt.num":229,"evt.outputtime":1534527348514698586,"evt.type":"open","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) size=832 ","evt.num":230,"evt.outputtime":1534527348514699305,"evt.type":"read","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=832 data=.ELF..............>.............@...................@.8...@..................... ","evt.num":231,"evt.outputtime":1534527348514700898,"evt.type":"read","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) ","evt.num":232,"evt.outputtime":1534527348514701971,"evt.type":"fstat","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=0 ","evt.num":233,"evt.outputtime":1534527348514702335,"evt.type":"fstat","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"addr=0 length=4096 prot=3(PROT_READ|PROT_WRITE) flags=10(MAP_PRIVATE|MAP_ANONYMOUS) fd=-1(EPERM) offset=0 ","evt.num":234,"evt.outputtime":1534527348514702945,"evt.type":"mmap","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=7FA69774D000 vm_size=540 vm_rss=4 vm_swap=0 ","evt.num":235,"evt.outputtime":1534527348514704310,"evt.type":"mmap","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"addr=0 length=2540616 prot=5(PROT_READ|PROT_EXEC) flags=1026(MAP_PRIVATE|MAP_DENYWRITE) fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) offset=0 ","evt.num":236,"evt.outputtime":1534527348514706828,"evt.type":"mmap","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=7FA6972C3000 vm_size=3024 vm_rss=4 vm_swap=0 ","evt.num":237,"evt.outputtime":1534527348514708023,"evt.type":"mmap","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"","evt.num":238,"evt.outputtime":1534527348514708665,"evt.type":"mprotect","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"","evt.num":239,"evt.outputtime":1534527348514711881,"evt.type":"mprotect","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"addr=7FA69752C000 length=16384 prot=3(PROT_READ|PROT_WRITE) flags=1030(MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE) fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) offset=430080 ","evt.num":240,"evt.outputtime":1534527348514712351,"evt.type":"mmap","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":"<","evt.info":"res=7FA69752C000 vm_size=3024 vm_rss=292 vm_swap=0 ","evt.num":241,"evt.outputtime":1534527348514714855,"evt.type":"mmap","proc.name":"curl","thread.tid":17497}""",
        """{"evt.cpu":0,"evt.dir":">","evt.info":"fd=3(<f>/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4) ","evt.num":242,"evt.outputtime":1534527348514721288,"evt.type":"close","proc.name":"curl","thread.tid":17497}""",
    ];

    /// <summary>libs-single_ipv6_conn.scap, every event sysdig prints (the procinfo events between them left out).</summary>
    public static readonly FixtureEvent[] SingleIpv6Connection =
    [
        new(848, 1, "1cba839fcea949151e650000000000002c0000001200030000000400040004000a0000000100000006000000"),
        new(849, 1, "30d6839fcea949151e650000000000002400000013000100000008000300000000000000"),
        new(850, 1, "3ae2839fcea949151e650000000000002400000014000100000008000300000000000000"),
        new(851, 1, "08ed839fcea949151e65000000000000390000001500020000000800130000000000000000000a20010db8000000000000000000000003d204"),
        new(852, 1, "09f1839fcea949151e650000000000002a00000018000200000008000400030000000000000001000000"),
        new(853, 1, "41f7839fcea949151e650000000000002400000019000100000008000000000000000000"),
        new(854, 1, "1cfd839fcea949151e650000000000001a000000f60000000000"),
        new(1140, 1, "a2784d59cfa9491520650000000000002c000000120003000000040004000400010000000108080000000000"),
        new(1141, 1, "82924d59cfa9491520650000000000002400000013000100000008000300000000000000"),
        new(1142, 1, "1a944d59cfa9491520650000000000002400000016000100000008000300000000000000"),
        new(1143, 1, "f5b04d59cfa9491520650000000000004c00000017000200000008002600feffffffffffffff01000000000000000000947b81dc94ffff2f7661722f72756e2f6e7363642f736f636b657400"),
        new(1144, 1, "ffc84d59cfa9491520650000000000002c000000120003000000040004000400010000000108080000000000"),
        new(1145, 1, "5fcd4d59cfa9491520650000000000002400000013000100000008000300000000000000"),
        new(1146, 1, "7ace4d59cfa9491520650000000000002400000016000100000008000300000000000000"),
        new(1147, 1, "c9d64d59cfa9491520650000000000004c00000017000200000008002600feffffffffffffff01000000000000000000947b81dc94ffff2f7661722f72756e2f6e7363642f736f636b657400"),
        new(1148, 1, "3bfb5159cfa9491520650000000000002c0000001200030000000400040004000a0000000100000006000000"),
        new(1149, 1, "c90f5259cfa9491520650000000000002400000013000100000008000300000000000000"),
        new(1150, 1, "41155259cfa9491520650000000000002400000014000100000008000300000000000000"),
        new(1151, 1, "4ee45259cfa949152065000000000000390000001500020000000800130000000000000000000a20010db80000000000000000000000040000"),
        new(1152, 1, "cef65259cfa9491520650000000000002400000016000100000008000300000000000000"),
        new(1153, 1, "59cc5359cfa949151e650000000000005a000000f700050000000800250001000400040004000000000000000a20010db800000000000000000000000485d420010db8000000000000000000000003d204000000000001000000"),
        new(1154, 1, "27425459cfa9491520650000000000004b000000170002000000080025008dffffffffffffff0a20010db800000000000000000000000485d420010db8000000000000000000000003d204"),
        new(1345, 1, "2c78b5f4cfa9491520650000000000002a0000000800020000000800040003000000000000000f000000"),
        new(1346, 1, "8dbab6f4cfa9491520650000000000003500000009000200000008000f000f0000000000000074686973206973206120746573740a"),
        new(1347, 1, "06feb6f4cfa949151e650000000000002a00000006000200000008000400040000000000000000080000"),
        new(1348, 1, "fc0ab7f4cfa949151e650000000000003500000007000200000008000f000f0000000000000074686973206973206120746573740a"),
        new(1539, 1, "1fb89d65d0a949151e650000000000002a00000006000200000008000400040000000000000000080000"),
        new(1540, 1, "37c39d65d0a949151e6500000000000026000000070002000000080000000000000000000000"),
    ];

    public static readonly string[] SingleIpv6ConnectionText =
    [
        """848 23:30:53.000931868 1 <NA> (25886) > socket domain=10(AF_INET6) type=1 proto=6 """,
        """849 23:30:53.000939056 1 <NA> (25886) < socket fd=3(<6>) """,
        """850 23:30:53.000942138 1 <NA> (25886) > bind fd=3(<6>) """,
        """851 23:30:53.000944904 1 <NA> (25886) < bind res=0 addr=2001:db8::3:1234 """,
        """852 23:30:53.000945929 1 <NA> (25886) > listen fd=3(<6t>2001:db8::3:1234) backlog=1 """,
        """853 23:30:53.000947521 1 <NA> (25886) < listen res=0 """,
        """854 23:30:53.000949020 1 <NA> (25886) > accept """,
        """1140 23:30:56.117938338 1 <NA> (25888) > socket domain=1(AF_LOCAL) type=526337 proto=0 """,
        """1141 23:30:56.117944962 1 <NA> (25888) < socket fd=3(<u>) """,
        """1142 23:30:56.117945370 1 <NA> (25888) > connect fd=3(<u>) """,
        """1143 23:30:56.117952757 1 <NA> (25888) < connect res=-2(ENOENT) tuple=0->ffff94dc817b9400 /var/run/nscd/socket """,
        """1144 23:30:56.117958911 1 <NA> (25888) > socket domain=1(AF_LOCAL) type=526337 proto=0 """,
        """1145 23:30:56.117960031 1 <NA> (25888) < socket fd=3(<u>) """,
        """1146 23:30:56.117960314 1 <NA> (25888) > connect fd=3(<u>) """,
        """1147 23:30:56.117962441 1 <NA> (25888) < connect res=-2(ENOENT) tuple=0->ffff94dc817b9400 /var/run/nscd/socket """,
        """1148 23:30:56.118233915 1 <NA> (25888) > socket domain=10(AF_INET6) type=1 proto=6 """,
        """1149 23:30:56.118239177 1 <NA> (25888) < socket fd=3(<6>) """,
        """1150 23:30:56.118240577 1 <NA> (25888) > bind fd=3(<6>) """,
        """1151 23:30:56.118293582 1 <NA> (25888) < bind res=0 addr=2001:db8::4:0 """,
        """1152 23:30:56.118298318 1 <NA> (25888) > connect fd=3(<6>2001:db8::4:0) """,
        """1153 23:30:56.118352985 1 <NA> (25886) < accept fd=4(<6t>2001:db8::4:54405->2001:db8::3:1234) tuple=2001:db8::4:54405->2001:db8::3:1234 queuepct=0 queuelen=0 queuemax=1 """,
        """1154 23:30:56.118383143 1 <NA> (25888) < connect res=-115(EINPROGRESS) tuple=2001:db8::4:54405->2001:db8::3:1234 """,
        """1345 23:30:58.725222444 1 <NA> (25888) > write fd=3(<6t>2001:db8::4:54405->2001:db8::3:1234) size=15 """,
        """1346 23:30:58.725304973 1 <NA> (25888) < write res=15 data=this is a test. """,
        """1347 23:30:58.725322246 1 <NA> (25886) > read fd=4(<6t>2001:db8::4:54405->2001:db8::3:1234) size=2048 """,
        """1348 23:30:58.725325564 1 <NA> (25886) < read res=15 data=this is a test. """,
        """1539 23:31:00.619491359 1 <NA> (25886) > read fd=4(<6t>2001:db8::4:54405->2001:db8::3:1234) size=2048 """,
        """1540 23:31:00.619494199 1 <NA> (25886) < read res=0 data= """,
    ];

    public static readonly string[] SingleIpv6ConnectionJson =
    [
        """{"evt.cpu":1,"evt.dir":">","evt.info":"domain=10(AF_INET6) type=1 proto=6 ","evt.num":848,"evt.outputtime":1533943853000931868,"evt.type":"socket","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"fd=3(<6>) ","evt.num":849,"evt.outputtime":1533943853000939056,"evt.type":"socket","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"fd=3(<6>) ","evt.num":850,"evt.outputtime":1533943853000942138,"evt.type":"bind","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"res=0 addr=2001:db8::3:1234 ","evt.num":851,"evt.outputtime":1533943853000944904,"evt.type":"bind","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"fd=3(<6t>2001:db8::3:1234) backlog=1 ","evt.num":852,"evt.outputtime":1533943853000945929,"evt.type":"listen","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"res=0 ","evt.num":853,"evt.outputtime":1533943853000947521,"evt.type":"listen","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"","evt.num":854,"evt.outputtime":1533943853000949020,"evt.type":"accept","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"domain=1(AF_LOCAL) type=526337 proto=0 ","evt.num":1140,"evt.outputtime":1533943856117938338,"evt.type":"socket","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"fd=3(<u>) ","evt.num":1141,"evt.outputtime":1533943856117944962,"evt.type":"socket","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"fd=3(<u>) ","evt.num":1142,"evt.outputtime":1533943856117945370,"evt.type":"connect","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"res=-2(ENOENT) tuple=0->ffff94dc817b9400 /var/run/nscd/socket ","evt.num":1143,"evt.outputtime":1533943856117952757,"evt.type":"connect","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"domain=1(AF_LOCAL) type=526337 proto=0 ","evt.num":1144,"evt.outputtime":1533943856117958911,"evt.type":"socket","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"fd=3(<u>) ","evt.num":1145,"evt.outputtime":1533943856117960031,"evt.type":"socket","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"fd=3(<u>) ","evt.num":1146,"evt.outputtime":1533943856117960314,"evt.type":"connect","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"res=-2(ENOENT) tuple=0->ffff94dc817b9400 /var/run/nscd/socket ","evt.num":1147,"evt.outputtime":1533943856117962441,"evt.type":"connect","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"domain=10(AF_INET6) type=1 proto=6 ","evt.num":1148,"evt.outputtime":1533943856118233915,"evt.type":"socket","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"fd=3(<6>) ","evt.num":1149,"evt.outputtime":1533943856118239177,"evt.type":"socket","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"fd=3(<6>) ","evt.num":1150,"evt.outputtime":1533943856118240577,"evt.type":"bind","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"res=0 addr=2001:db8::4:0 ","evt.num":1151,"evt.outputtime":1533943856118293582,"evt.type":"bind","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"fd=3(<6>2001:db8::4:0) ","evt.num":1152,"evt.outputtime":1533943856118298318,"evt.type":"connect","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"fd=4(<6t>2001:db8::4:54405->2001:db8::3:1234) tuple=2001:db8::4:54405->2001:db8::3:1234 queuepct=0 queuelen=0 queuemax=1 ","evt.num":1153,"evt.outputtime":1533943856118352985,"evt.type":"accept","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"res=-115(EINPROGRESS) tuple=2001:db8::4:54405->2001:db8::3:1234 ","evt.num":1154,"evt.outputtime":1533943856118383143,"evt.type":"connect","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"fd=3(<6t>2001:db8::4:54405->2001:db8::3:1234) size=15 ","evt.num":1345,"evt.outputtime":1533943858725222444,"evt.type":"write","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"res=15 data=this is a test. ","evt.num":1346,"evt.outputtime":1533943858725304973,"evt.type":"write","proc.name":"<NA>","thread.tid":25888}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"fd=4(<6t>2001:db8::4:54405->2001:db8::3:1234) size=2048 ","evt.num":1347,"evt.outputtime":1533943858725322246,"evt.type":"read","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"res=15 data=this is a test. ","evt.num":1348,"evt.outputtime":1533943858725325564,"evt.type":"read","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":">","evt.info":"fd=4(<6t>2001:db8::4:54405->2001:db8::3:1234) size=2048 ","evt.num":1539,"evt.outputtime":1533943860619491359,"evt.type":"read","proc.name":"<NA>","thread.tid":25886}""",
        """{"evt.cpu":1,"evt.dir":"<","evt.info":"res=0 data= ","evt.num":1540,"evt.outputtime":1533943860619494199,"evt.type":"read","proc.name":"<NA>","thread.tid":25886}""",
    ];

    /// <summary>falco-run_as_user_0_container.scap, single events whose rendering needs the process list.</summary>
    public static readonly FixtureEvent[] RunAsUser0Container =
    [
        new(3, 3, "37022d86cdddaf1500000000000000004a000000980006000000080008000800040004000400b50700000000000000000000000000000000000000000000000000000000000000000000"),
        new(62, 3, "2de17289cdddaf1575040000000000003c00000050000200000016000800020004000000000000000100070000000000000000006400000000000000"),
        new(371, 2, "85bd58a8cdddaf15e23500000000000031000000e800030000000800080001000000000000000000e2350000000000001d"),
        new(640, 1, "2cb2b2bdcdddaf15490700000000000024000000860001000000080000ca9a3b00000000"),
        new(1660, 1, "f62786e4cdddaf159a64000000000000280000004300020000000800020000000000000000002e00"),
        new(1695, 1, "b5c588e4cdddaf159a6400000000000020000000cb0001000000040000000000"),
        new(1746, 1, "879189e4cdddaf159a640000000000001a000000de0000000000"),
        new(1756, 1, "cf648be4cdddaf159a640000000000007b040000df001400000008000a00000008000800080001000800080008000400040004000500c9030400040004000800080006000000000000002f62696e2f62617368009a640000000000009a640000000000007a6400000000000000000010000000000000000000000000006a0300000000000008470000700c00000000000062617368006370757365743d2f646f636b65722f36393739353635323064383931623563623065323135303933393730633733333534396133663734356635323236336330356233376638613438383939346633006370753d2f646f636b65722f3639373935363532306438393162356362306532313530393339373063373333353439613366373435663532323633633035623337663861343838393934663300637075616363743d2f646f636b65722f3639373935363532306438393162356362306532313530393339373063373333353439613366373435663532323633633035623337663861343838393934663300696f3d2f646f636b65722f36393739353635323064383931623563623065323135303933393730633733333534396133663734356635323236336330356233376638613438383939346633006d656d6f72793d2f646f636b65722f3639373935363532306438393162356362306532313530393339373063373333353439613366373435663532323633633035623337663861343838393934663300646576696365733d2f646f636b65722f3639373935363532306438393162356362306532313530393339373063373333353439613366373435663532323633633035623337663861343838393934663300667265657a65723d2f646f636b65722f36393739353635323064383931623563623065323135303933393730633733333534396133663734356635323236336330356233376638613438383939346633006e65745f636c733d2f646f636b65722f3639373935363532306438393162356362306532313530393339373063373333353439613366373435663532323633633035623337663861343838393934663300706572665f6576656e743d2f646f636b65722f36393739353635323064383931623563623065323135303933393730633733333534396133663734356635323236336330356233376638613438383939346633006e65745f7072696f3d2f646f636b65722f363937393536353230643839316235636230653231353039333937306337333335343961336637343566353232363363303562333766386134383839393466330068756765746c623d2f646f636b65722f3639373935363532306438393162356362306532313530393339373063373333353439613366373435663532323633633035623337663861343838393934663300706964733d2f646f636b65722f363937393536353230643839316235636230653231353039333937306337333335343961336637343566353232363363303562333766386134383839393466330072646d613d2f0000008001000000000000000001000000000000000100000000000000"),
        new(2953, 0, "9b3019e5cdddaf15347d00000000000024000000ba000100000008000000000000000000"),
    ];

    public static readonly string[] RunAsUser0ContainerText =
    [
        """3 22:31:10.509982263 3 <NA> (0) > switch next=1973(dockerd) pgft_maj=0 pgft_min=0 vm_size=0 vm_rss=0 vm_swap=0 """,
        """62 22:31:10.564892973 3 gmain (1141) > poll fds=4:e1 7:i0 timeout=100 """,
        """371 22:31:11.083273605 2 emacs (13794) > signaldeliver spid=0 dpid=13794(emacs) sig=29(SIGIO) """,
        """640 22:31:11.441490476 1 iscsid (1865) > nanosleep interval=1000000000(1s) """,
        """1660 22:31:12.092882934 1 bash (25754) < stat res=0 path=.(/) """,
        """1695 22:31:12.093054389 1 bash (25754) < getuid uid=0(root) """,
        """1746 22:31:12.093106567 1 bash (25754) > clone """,
        """1756 22:31:12.093226191 1 bash (25754) < clone res=6 exe=/bin/bash args= tid=25754(bash) pid=25754(bash) ptid=25722(containerd-shim) cwd= fdlimit=1048576 pgft_maj=0 pgft_min=874 vm_size=18184 vm_rss=3184 vm_swap=0 comm=bash cgroups=cpuset=/docker/697956520d891b5cb0e215093970c733549a3f745f52263c05b37f8a488994... flags=25165824(CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID) uid=0 gid=0 vtid=1(systemd) vpid=1(systemd) """,
        """2953 22:31:12.102518939 0 ls (32052) > procexit status=0 """,
    ];
}
