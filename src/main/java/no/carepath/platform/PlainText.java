package no.carepath.platform;

/**
 * What a name may contain. Names (of patients, GPs, hospitals and departments) are shown in task
 * forms, whose text is Markdown: a name with {@code <}, {@code [} or {@code *} would become a link,
 * an image or formatting there. No real name needs them, so senders are told so (400) instead.
 * Free text (a referral's description, a GP's answer) is shown in forms as plain text instead.
 */
public final class PlainText {

  /** Letters of any language (Sámi included), digits, spaces and ordinary punctuation; no markup. */
  public static final String NAME = "^[^<>\\[\\]{}*_#|\\\\`~^!=$]*$";
  public static final String NAME_MESSAGE = "Navnet kan ikke inneholde tegnene < > [ ] { } * _ # | \\ ` ~ ^ ! = $.";

  private PlainText() {
  }
}
