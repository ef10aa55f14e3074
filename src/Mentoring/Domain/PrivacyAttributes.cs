namespace Mentoring.Domain;

/// <summary>
/// A secret (a password or token hash, a link secret): the audit trail records that it changed,
/// never its value. On a class, the whole entity is left out of the audit trail.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, Inherited = true)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>
/// A private text (what only its author may read): the audit trail records that it changed, never
/// its words, and erasure and retention remove it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PrivateTextAttribute : Attribute;

/// <summary>
/// A field that changes as a side effect of use (a last-used time, a failed sign-in count): changes
/// to it alone are not worth an audit line.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditIgnoredAttribute : Attribute;
