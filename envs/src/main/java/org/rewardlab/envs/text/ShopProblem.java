package org.rewardlab.envs.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One page of the {@code shop} task and the shopper's next action on it.
 *
 * <ul>
 *   <li>{@code terminate}: a cart page {@code "$cab>"} (the item is in the cart) → {@code T};
 *   <li>{@code click}: a product list with a cue letter, {@code "d:ab,dce,fg>"} → click the one button
 *       that starts with the cue, {@code Cdce};
 *   <li>{@code type_and_submit}: a search box with its name and the shopper's query,
 *       {@code "?bx:hgafe>"} → {@code Sbx=hgafe}.
 * </ul>
 *
 * <p><b>Verifier.</b> Well formed: exactly {@code T}, {@code C<letters>} or
 * {@code S<letters>=<letters>}. Correct: the whitespace-stripped completion is the action. Score: 1
 * when correct. Signals (read by Shop-R1's hierarchical reward, {@code reward.text.HierarchicalActionReward}),
 * from the stripped completion, parsed as far as it goes:
 *
 * <ul>
 *   <li>{@code action.kind}: the true action type, 0 terminate, 1 click, 2 type_and_submit;
 *   <li>{@code action.predicted}: the predicted type by the first character ({@code T}, {@code C},
 *       {@code S}), −1 for none;
 *   <li>{@code action.type_match}: 1 when the predicted type is the true one;
 *   <li>{@code action.name_present}, {@code action.text_present}: 1 when the predicted action has a
 *       non-empty name (the letters after {@code C} or {@code S}, up to {@code =}) or text (after
 *       {@code =});
 *   <li>{@code action.name_sim}, {@code action.text_sim}: ROUGE-L F1 ({@link RougeL}) of the
 *       predicted name and text against the true ones when the type matches, else 0.
 * </ul>
 *
 * @param kind the true action type
 * @param context the page text before the closing {@code >}
 * @param name the true button or box name ({@code ""} for terminate)
 * @param text the true text to type ({@code ""} unless type_and_submit)
 */
public record ShopProblem(Kind kind, String context, String name, String text) implements Problem {
  /** The action types, in order of difficulty. */
  public enum Kind {
    /** End the session. */
    TERMINATE,
    /** Click a named button. */
    CLICK,
    /** Type a text into a named box and submit. */
    TYPE_AND_SUBMIT;

    /** The completion's first character for this type. */
    public char symbol() {
      return switch (this) {
        case TERMINATE -> 'T';
        case CLICK -> 'C';
        case TYPE_AND_SUBMIT -> 'S';
      };
    }

    /** The type whose completion starts with {@code c}, or null. */
    static Kind of(char c) {
      return switch (c) {
        case 'T' -> TERMINATE;
        case 'C' -> CLICK;
        case 'S' -> TYPE_AND_SUBMIT;
        default -> null;
      };
    }
  }

  /** Signal names. */
  public static final String KIND = "action.kind";
  public static final String PREDICTED = "action.predicted";
  public static final String TYPE_MATCH = "action.type_match";
  public static final String NAME_PRESENT = "action.name_present";
  public static final String TEXT_PRESENT = "action.text_present";
  public static final String NAME_SIM = "action.name_sim";
  public static final String TEXT_SIM = "action.text_sim";

  public ShopProblem {
    if (kind == null || context == null || name == null || text == null) throw new IllegalArgumentException("a shop problem needs all its parts");
  }

  @Override
  public String key() {
    return context;
  }

  @Override
  public String prompt() {
    return context + ">";
  }

  @Override
  public String answer() {
    return switch (kind) {
      case TERMINATE -> "T";
      case CLICK -> "C" + name;
      case TYPE_AND_SUBMIT -> "S" + name + "=" + text;
    };
  }

  /** 1 terminate, 2 click, 3 type_and_submit. */
  @Override
  public int difficulty() {
    return kind.ordinal() + 1;
  }

  @Override
  public Verdict verify(String completion) {
    if (completion == null) completion = "";
    String s = completion.strip();
    Kind predicted = s.isEmpty() ? null : Kind.of(s.charAt(0));
    String body = s.isEmpty() ? "" : s.substring(1);
    int eq = body.indexOf('=');
    String pName = eq < 0 ? body : body.substring(0, eq);
    String pText = eq < 0 ? "" : body.substring(eq + 1);
    boolean wellFormed = predicted != null && s.length() == completion.length() && switch (predicted) {
      case TERMINATE -> body.isEmpty();
      case CLICK -> eq < 0 && letters(pName);
      case TYPE_AND_SUBMIT -> eq >= 0 && letters(pName) && letters(pText);
    };
    boolean match = predicted == kind;
    Map<String, Double> sig = new LinkedHashMap<>();
    sig.put(KIND, (double) kind.ordinal());
    sig.put(PREDICTED, predicted == null ? -1.0 : predicted.ordinal());
    sig.put(TYPE_MATCH, match ? 1.0 : 0.0);
    sig.put(NAME_PRESENT, predicted != null && predicted != Kind.TERMINATE && !pName.isEmpty() ? 1.0 : 0.0);
    sig.put(TEXT_PRESENT, predicted == Kind.TYPE_AND_SUBMIT && !pText.isEmpty() ? 1.0 : 0.0);
    sig.put(NAME_SIM, match && kind != Kind.TERMINATE ? RougeL.f1(pName, name) : 0.0);
    sig.put(TEXT_SIM, match && kind == Kind.TYPE_AND_SUBMIT ? RougeL.f1(pText, text) : 0.0);
    boolean correct = s.equals(answer());
    return new Verdict(correct, wellFormed, correct ? 1 : 0, s, sig, Map.of());
  }

  private static boolean letters(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) < 'a' || s.charAt(i) > 'z') return false;
    return true;
  }
}
