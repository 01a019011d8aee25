#!/usr/bin/env python3
# compare-probe-objects.py BEFORE.bpf.o AFTER.bpf.o [LLVM_OBJDUMP]
#
# Proves a source move left the probe's code alone: compares two BPF objects program by
# program and subprogram by subprogram (instructions and relocations, from llvm-objdump -d -r),
# ignoring where each sits in its section and how local labels are numbered, both of which
# follow the order of definition. Exit status 1 when any function differs.
import re,sys,subprocess
def functions(path, od):
    out=subprocess.run([od,'-d','-r','--no-show-raw-insn',path],capture_output=True,text=True).stdout
    funcs={}; cur=None; sec=None
    for line in out.split('\n'):
        if line.startswith('Disassembly of section '):
            sec=line; cur=None; continue
        m=re.match(r'^[0-9a-f]+ <([^>]+)>:',line)
        if m and re.match(r'^LBB\d+_\d+$', m.group(1)):
            continue  # a local label: numbered by function order, so part of its function
        if m:
            cur=(sec,m.group(1)); funcs[cur]=[]; continue
        if cur is not None and line.strip():
            line=re.sub(r'^\s*[0-9a-f]+:\s*','',line)
            funcs[cur].append(re.sub(r'<LBB\d+_\d+>','<L>',line))
    return {k:'\n'.join(v) for k,v in funcs.items()}
od=sys.argv[3] if len(sys.argv) > 3 else 'llvm-objdump'
a=functions(sys.argv[1],od); b=functions(sys.argv[2],od)
diff=[k for k in set(a)|set(b) if a.get(k)!=b.get(k)]
print(len(a),'functions before,',len(b),'after; differing:',len(diff))
for k in diff[:5]: print(' ',k)
sys.exit(1 if diff or not a else 0)
