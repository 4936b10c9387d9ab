namespace StackTests.Harness.Canary;

/// <summary>
/// The canary's books for one signal, in the manner of loki-canary: each numbered entry sent, and
/// each time a query saw it. An entry is missing when no query ever saw it, duplicated when one
/// observation held it more than once, out of order when an entry with a higher number became
/// visible before it. Time to visibility is first sighting minus send time. Thread-safe.
/// </summary>
public sealed class SequenceLedger
{
    private readonly object _lock = new();
    private readonly Dictionary<long, DateTimeOffset> _sent = [];
    private readonly Dictionary<long, string> _failed = [];
    private readonly Dictionary<long, string> _refused = [];
    private readonly Dictionary<long, DateTimeOffset> _firstSeen = [];
    private readonly Dictionary<long, int> _maxCopies = [];
    private readonly HashSet<long> _unexpected = [];

    /// <summary>Records that entry <paramref name="sequence"/> was handed to the pipeline at <paramref name="at"/>.</summary>
    public void Sent(long sequence, DateTimeOffset at)
    {
        lock (_lock) _sent[sequence] = at;
    }

    /// <summary>The pipeline refused or did not answer the send; the entry still counts as sent (and, unseen, as missing).</summary>
    public void SendFailed(long sequence, string reason)
    {
        lock (_lock) _failed[sequence] = reason;
    }

    /// <summary>
    /// A try of the send was refused (or not answered) and is retried: the entry was refused while
    /// the receiver was down. Unless every try fails (SendFailed), it was accepted in the end, so a
    /// loss of it is the pipeline's.
    /// </summary>
    public void Refused(long sequence, string reason)
    {
        lock (_lock) _refused.TryAdd(sequence, reason);
    }

    /// <summary>
    /// One observation: the entries a query returned at <paramref name="at"/>, an entry listed as
    /// often as the query saw it (twice = two series or lines carrying the same number).
    /// </summary>
    public void Observed(IEnumerable<long> sequences, DateTimeOffset at)
    {
        lock (_lock)
        {
            foreach (var group in sequences.GroupBy(s => s))
            {
                if (!_sent.ContainsKey(group.Key))
                {
                    _unexpected.Add(group.Key);
                    continue;
                }
                _firstSeen.TryAdd(group.Key, at);
                var copies = group.Count();
                if (copies > _maxCopies.GetValueOrDefault(group.Key)) _maxCopies[group.Key] = copies;
            }
        }
    }

    public int SentCount
    {
        get { lock (_lock) return _sent.Count; }
    }

    /// <summary>Whether every entry sent so far has been seen (the drain after the run can stop).</summary>
    /// <summary>Whether a query has seen the entry.</summary>
    public bool HasSeen(long sequence)
    {
        lock (_lock) return _firstSeen.ContainsKey(sequence);
    }

    public bool Complete
    {
        get { lock (_lock) return _sent.Keys.All(_firstSeen.ContainsKey); }
    }

    /// <summary>The send times of entries never seen, oldest first.</summary>
    public IReadOnlyList<(long Sequence, DateTimeOffset SentAt)> MissingEntries()
    {
        lock (_lock) return _sent.Where(s => !_firstSeen.ContainsKey(s.Key)).OrderBy(s => s.Key).Select(s => (s.Key, s.Value)).ToList();
    }

    public LedgerSummary Summarise()
    {
        lock (_lock)
        {
            var received = _firstSeen.Keys.Order().ToList();
            var latencies = received.Select(s => _firstSeen[s] - _sent[s]).ToList();
            return new LedgerSummary(
                Sent: _sent.Count,
                SendFailed: _failed.Count,
                Received: received.Count,
                Missing: _sent.Count - received.Count,
                Duplicated: _maxCopies.Values.Sum(c => c - 1),
                OutOfOrder: OutOfOrder(received.Select(s => (s, _firstSeen[s])).ToList()),
                Unexpected: _unexpected.Count,
                Visibility: LatencySummary.Of(latencies),
                MissingSample: _sent.Keys.Where(s => !_firstSeen.ContainsKey(s)).Order().Take(20).ToList(),
                FirstSendError: _failed.OrderBy(f => f.Key).Select(f => f.Value).FirstOrDefault(),
                LongestGap: LongestGap(received.Select(s => _sent[s]).Order().ToList(), _sent.Values.Order().ToList()))
            {
                RefusedThenAccepted = _refused.Keys.Count(s => !_failed.ContainsKey(s)),
                AcceptedAndLost = _sent.Keys.Count(s => !_firstSeen.ContainsKey(s) && !_failed.ContainsKey(s)),
                FirstRefusal = _refused.OrderBy(r => r.Key).Select(r => r.Value).FirstOrDefault(),
            };
        }
    }

    /// <summary>
    /// Entries that became visible after some entry with a higher number: with the entries in
    /// sequence order, those whose first sighting is later than the earliest sighting of any
    /// later-numbered one.
    /// </summary>
    public static int OutOfOrder(IReadOnlyList<(long Sequence, DateTimeOffset FirstSeen)> received)
    {
        var ordered = received.OrderBy(r => r.Sequence).ToList();
        var count = 0;
        var earliestLater = DateTimeOffset.MaxValue;
        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            if (ordered[i].FirstSeen > earliestLater) count++;
            if (ordered[i].FirstSeen < earliestLater) earliestLater = ordered[i].FirstSeen;
        }
        return count;
    }

    /// <summary>
    /// The longest stretch of send time with nothing received: between consecutive received
    /// entries' send times, and from the run's first/last send to the first/last received one.
    /// Zero when everything arrived at the pace it was sent.
    /// </summary>
    public static TimeSpan LongestGap(IReadOnlyList<DateTimeOffset> receivedSendTimes, IReadOnlyList<DateTimeOffset> allSendTimes)
    {
        if (allSendTimes.Count == 0) return TimeSpan.Zero;
        if (receivedSendTimes.Count == 0) return allSendTimes[^1] - allSendTimes[0];
        var points = new List<DateTimeOffset> { allSendTimes[0] };
        points.AddRange(receivedSendTimes);
        points.Add(allSendTimes[^1]);
        // The pace of sending is not a gap: measure against the typical interval between sends.
        var pace = allSendTimes.Count > 1 ? (allSendTimes[^1] - allSendTimes[0]) / (allSendTimes.Count - 1) : TimeSpan.Zero;
        var longest = TimeSpan.Zero;
        for (var i = 1; i < points.Count; i++)
        {
            var gap = points[i] - points[i - 1];
            if (gap > longest) longest = gap;
        }
        return longest > pace * 1.5 ? longest : TimeSpan.Zero;
    }
}

/// <summary>
/// What the books of one signal say at the end of a run. Of the missing entries, SendFailed were
/// refused by every try (never accepted) and AcceptedAndLost were accepted and never seen;
/// RefusedThenAccepted entries were refused while the receiver was down and accepted on a retry.
/// </summary>
public sealed record LedgerSummary(
    int Sent, int SendFailed, int Received, int Missing, int Duplicated, int OutOfOrder, int Unexpected,
    LatencySummary Visibility, IReadOnlyList<long> MissingSample, string? FirstSendError, TimeSpan LongestGap)
{
    public int RefusedThenAccepted { get; init; }
    public int AcceptedAndLost { get; init; }
    public string? FirstRefusal { get; init; }
}

/// <summary>Time-to-visibility percentiles (nearest rank); null figures when nothing was seen.</summary>
public sealed record LatencySummary(int Count, TimeSpan? P50, TimeSpan? P95, TimeSpan? P99, TimeSpan? Max)
{
    public static LatencySummary Empty { get; } = new(0, null, null, null, null);

    public static LatencySummary Of(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return Empty;
        return new LatencySummary(sorted.Count, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least q of the values at or below it.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double q)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
