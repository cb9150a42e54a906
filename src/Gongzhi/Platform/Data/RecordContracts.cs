namespace Gongzhi.Platform.Data;

/// <summary>
/// A record that belongs to a node of the jurisdiction tree. The context hides it from callers whose
/// scope does not cover it and refuses to write it for them: scope is enforced here, once.
/// </summary>
public interface IJurisdictional
{
    string JurisdictionCode { get; }
}

/// <summary>
/// A jurisdictional record that callers below its node may also read (a district department is
/// visible to the streets it serves), though only callers covering it may change it.
/// </summary>
public interface IVisibleToDescendants : IJurisdictional;

/// <summary>A record people edit at the same time: the context bumps <see cref="Version"/> and rejects stale writes.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>Every change to such a record is written to the audit log in the same transaction.</summary>
public interface IAudited
{
    string AuditKey { get; }
}
