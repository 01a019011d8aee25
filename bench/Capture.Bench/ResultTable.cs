using System.Text;
using System.Text.Json.Nodes;

namespace Capture.Bench;

/// <summary>The short table bench/run prints: the figures of latest.json, one line each.</summary>
internal static class ResultTable
{
    public static string Render(JsonObject json)
    {
        var s = new StringBuilder();
        if (json["machine"] is JsonObject machine)
            s.AppendLine($"machine     kernel {machine["kernel"]}, {machine["cpus"]} CPUs, load average {machine["load_average"]} at start, {machine["load_average_end"]} at end, commit {machine["commit"]}{(json["quick"]?.GetValue<bool>() == true ? " (--quick)" : "")}");
        if (json["overhead"] is JsonObject overhead)
        {
            s.AppendLine("overhead (median ns/iter; workload on CPU 1, tracer on CPU 0)");
            s.AppendLine($"  {"mode",-10} {"baseline",9} {"capture",9} {"floor",9} {"ovh %",7} {"added",8} {"floor+",8} {"ratio",6} {"events/s",11} {"drops",10} {"cpu ns/ev",9} {"rss MB",7}");
            foreach (var (mode, node) in overhead)
            {
                var m = (JsonObject)node!;
                s.AppendLine($"  {mode,-10} {F(m, "baseline_ns", 0),9} {F(m, "capture_ns", 0),9} {F(m, "floor_ns", 0),9} {F(m, "overhead_pct", 0),7} {F(m, "added_ns", 0),8} {F(m, "floor_added_ns", 0),8} {F(m, "added_to_floor", 2),6} {F(m, "events_per_s", 0),11} {m["drops"],10} {F(m, "cpu_ns_per_event", 0),9} {F(m, "peak_rss_mb", 0),7}");
            }
            foreach (var (mode, node) in overhead)
                if (node is JsonObject m && m["added_to_scap_open"] is not null)
                    s.AppendLine($"  {mode,-10} kernel goal: added {F(m, "added_ns", 0)} ns vs scap-open's {F(m, "scap_open_added_ns", 0)}: ratio {F(m, "added_to_scap_open", 2)} (target <= {F(m, "scap_open_target_ratio", 1)}) {Met(m, "added_to_scap_open", "scap_open_target_ratio")}"
                        + (m["floor_target_ratio"] is null ? "" : $"; vs the floor {F(m, "added_to_floor", 2)} (target <= {F(m, "floor_target_ratio", 1)}) {Met(m, "added_to_floor", "floor_target_ratio")}"));
        }
        if (json["pipeline"] is JsonObject p)
            s.AppendLine($"pipeline    {M(p, "events_per_s")} M events/s, {F(p, "cpu_ns_per_event", 1)} ns pipeline CPU per event, {F(p, "alloc_bytes_per_event", 3)} bytes allocated per event");
        if (json["file_read"] is JsonObject r)
            s.AppendLine($"file read   {M(r, "events_per_s")} M events/s, {F(r, "mb_per_s", 0)} MB/s (into batches {M(r, "into_batches_events_per_s")} M events/s)");
        if (json["file_write"] is JsonObject w)
            s.AppendLine($"file write  {F(w, "mb_per_s", 0)} MB/s, {M(w, "events_per_s")} M events/s");
        if (json["saturation"] is JsonObject saturation)
        {
            s.AppendLine($"saturation  getppid loops on every CPU, {saturation["window_s"]} s per tracer, {saturation["rounds"]} rounds alternating; goal: capture drops / scap-open drops <= {saturation["goal_ratio"]}");
            if (saturation["skipped"] is JsonNode skipped) s.AppendLine($"  skipped: {skipped}");
            foreach (var (bytes, node) in saturation["sizes"] as JsonObject ?? [])
            {
                var size = (JsonObject)node!;
                s.AppendLine($"  {Ring(bytes),-8} scap-open {size["scap_open_events"],11} events {size["scap_open_dropped"],10} dropped   capture {size["capture_events"],11} events {size["capture_dropped"],10} dropped   ratio {F(size, "ratio", 2),6} (goal <= {saturation["goal_ratio"]}) {(size["goal_met"]?.GetValue<bool>() == true ? "met" : "NOT met")}");
            }
            if (saturation["load_average"] is JsonNode load) s.AppendLine($"  load average {load} at start, {saturation["load_average_end"]} at end");
        }
        if (json["steady"] is JsonObject steady)
        {
            s.AppendLine($"steady      getppid loops on every CPU, {steady["window_s"]} s windows after {steady["warm_up_s"]} s warm-up, {steady["rounds"]} rounds, load {steady["load_average"]} at start");
            foreach (var output in new[] { "q", "w" })
                if (steady[output] is JsonObject o)
                    s.AppendLine($"  -{output}         {F(o, "cpu_ns_per_event", 0),5} ns CPU per event (target <= {o["target_ns"]}: ratio {F(o, "ratio", 2)}) at {F(o, "events_per_s", 0),9} events/s (target >= {steady["target_events_per_s"]}), {o["dropped"]} dropped: {(o["goal_met"]?.GetValue<bool>() == true ? "met" : "NOT met")}");
            if (steady[Steady.SteadySettings.OneRing] is JsonObject one)
                s.AppendLine($"  -q one ring  {F(one, "cpu_ns_per_event", 0),5} ns CPU per event at {F(one, "events_per_s", 0),9} events/s: a ring per CPU costs {F(steady, "ring_growth", 2)}x one shared ring (target: no growth, <= 1)");
        }
        if (json["startup"] is JsonObject st)
        {
            s.AppendLine($"startup     capture ({st["capture_build"]}) --version {F(st, "version_ms", 0)} ms (target <= {F(st, "version_target_ms", 0)}: ratio {F(st, "version_to_target", 2)}, target <= 1; {F(st, "version_cpu_ms", 0)} ms CPU), medians of {st["rounds"]} interleaved rounds");
            s.AppendLine($"            capture -q -r of {st["events"]} events {F(st, "read_ms", 0)} ms ({F(st, "read_cpu_ms", 0)} CPU) vs scap-open --scap_file {F(st, "scap_open_ms", 0)} ms ({F(st, "scap_open_cpu_ms", 0)} CPU): ratio {F(st, "read_to_scap_open", 2)} (target <= {F(st, "read_target_ratio", 2)}; in CPU time {F(st, "read_to_scap_open_cpu", 2)})");
        }
        if (json["micro"] is JsonObject micro)
        {
            s.AppendLine("micro (ns and allocated bytes per event/record)");
            foreach (var (name, node) in micro)
                s.AppendLine($"  {name,-48} {F((JsonObject)node!, "ns_per_op", 2),9} ns {F((JsonObject)node!, "alloc_bytes_per_op", 1),7} B");
        }
        if (json["soak"] is JsonObject soak)
            s.AppendLine($"soak        {soak["minutes"]} min: RSS {F(soak, "first_rss_mb", 1)} -> {F(soak, "last_rss_mb", 1)} MB (peak {F(soak, "peak_rss_mb", 1)}); kernel saw {soak["kernel_seen"]} = delivered {soak["delivered"]} + dropped {soak["kernel_dropped"]} + corrupt {soak["corrupt"]} + unread {soak["unread"]} + pipeline {soak["dropped_in_pipeline"]}; unaccounted {soak["unaccounted"]}");
        return s.ToString();
    }

    static string F(JsonObject o, string key, int decimals) =>
        o[key] is JsonValue v && v.TryGetValue(out double d) ? d.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture) : "-";

    static string Met(JsonObject o, string ratio, string target) =>
        o[ratio] is JsonValue r && r.TryGetValue(out double value) && o[target] is JsonValue t && t.TryGetValue(out double limit)
            ? value <= limit ? "met" : "NOT met" : "-";

    static string Ring(string bytes) => long.TryParse(bytes, out var b) ? Saturation.SaturationBenchmark.Kib(b) : bytes;

    static string M(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue(out double d) ? (d / 1e6).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
