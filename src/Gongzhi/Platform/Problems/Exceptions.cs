namespace Gongzhi.Platform.Problems;

/// <summary>A business rule forbids the action in the record's current state: answered with 409.</summary>
public class RuleViolationException(string message) : Exception(message);

/// <summary>The caller tried to act outside their jurisdiction: answered with 403.</summary>
public sealed class ScopeViolationException(string message) : Exception(message);

/// <summary>Something the request needs is still being prepared (first start): answered with 503 and Retry-After.</summary>
public sealed class NotReadyException(string message) : Exception(message);
