namespace Gongzhi.Resources;

/// <summary>The type the UI's shared strings are looked up by (<c>IStringLocalizer&lt;SharedResource&gt;</c>).</summary>
public sealed class SharedResource;
