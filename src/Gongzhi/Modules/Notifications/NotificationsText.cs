namespace Gongzhi.Modules.Notifications;

/// <summary>The inbox's strings: <c>NotificationsText.resx</c> (Chinese, neutral) and <c>NotificationsText.en.resx</c>, read through <c>IStringLocalizer&lt;NotificationsText&gt;</c>.</summary>
public sealed class NotificationsText;
