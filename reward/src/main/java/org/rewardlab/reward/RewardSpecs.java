package org.rewardlab.reward;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.Suggestions;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;
import org.rewardlab.reward.compose.Clipped;
import org.rewardlab.reward.compose.DifficultyScaled;
import org.rewardlab.reward.compose.FiniteChecked;
import org.rewardlab.reward.compose.GatedAccumulation;
import org.rewardlab.reward.compose.KinestheticCombination;
import org.rewardlab.reward.compose.LexicographicPriority;
import org.rewardlab.reward.compose.MultiplicativePenalties;
import org.rewardlab.reward.compose.PreferenceAsReward;
import org.rewardlab.reward.compose.RewardTree;
import org.rewardlab.reward.compose.RunningNormalized;
import org.rewardlab.reward.compose.ShapeCurve;
import org.rewardlab.reward.compose.StepRefinement;
import org.rewardlab.reward.compose.WeightedSum;
import org.rewardlab.reward.learned.LearnedReward;
import org.rewardlab.reward.learned.LearnedRewards;
import org.rewardlab.reward.shaping.ConditionalConstant;
import org.rewardlab.reward.shaping.ObservationFeature;
import org.rewardlab.reward.shaping.PotentialShaping;
import org.rewardlab.reward.shaping.QuadraticActionCost;
import org.rewardlab.reward.spec.Condition;
import org.rewardlab.reward.spec.GateMode;
import org.rewardlab.reward.spec.RefineMode;
import org.rewardlab.reward.spec.RewardSpec;
import org.rewardlab.reward.text.CompletionConstant;
import org.rewardlab.reward.text.CompletionValue;
import org.rewardlab.reward.text.ConcisenessBonus;
import org.rewardlab.reward.text.CorrectnessSwitchedLengthPenalty;
import org.rewardlab.reward.text.LinearLengthPenalty;
import org.rewardlab.reward.text.OverlongPenalty;
import org.rewardlab.reward.text.HierarchicalActionReward;
import org.rewardlab.reward.text.PageItemReward;
import org.rewardlab.reward.text.RefinedStepScores;
import org.rewardlab.reward.text.TaskOutcome;

/**
 * Builds the {@link RewardFn} a {@link RewardSpec} describes: for one environment and one agent
 * ({@link #build}, scoring transitions), or for a language model's completions
 * ({@link #buildForCompletions}). The composites ({@code weighted}, {@code clip}, {@code product},
 * {@code gated}, {@code lexicographic}, {@code par}, {@code prm_refine}, {@code krc}, {@code shape},
 * {@code difficulty_scale}, {@code normalize}) work on both; the leaves belong to one: {@code potential},
 * {@code feature} and {@code action_cost} read transitions, {@code completion}, {@code length_penalty},
 * {@code overlong}, {@code length_switch}, {@code conciseness}, {@code page_item}, {@code hierarchical_action} and {@code task} (the
 * text task's verifier reward, correct + formatWeight·format) read completions,
 * and {@code env}, {@code bonus} and {@code penalty} mean the task's own reward and its end conditions
 * on both.
 *
 * <p>For an environment it checks what only the env and the agent can tell: that a {@code potential}
 * or {@code feature} term names a potential the env registers (the {@link RewardBuildContext}'s
 * potentials) or an observation component it has, that an action cost has Box actions; for both, that
 * term names are unique and that hard-infraction operands are stateless. A potential term without
 * {@code gamma} gets the context's agent γ.
 *
 * <p><b>Error places.</b> Every {@link UserInputException} names the YAML path of the offending key
 * relative to the spec's root, e.g. {@code terms.1.reward.potential}; the caller prefixes where the
 * spec sits in its config ({@code reward.terms.1.reward.potential} in an experiment). An error about
 * the root itself has an empty place.
 *
 * <p>Stateless and thread-safe; each call builds new reward objects.
 */
public final class RewardSpecs {
  private RewardSpecs() {}

  /**
   * Builds {@code spec} for {@code env}'s spaces.
   *
   * @throws UserInputException if the spec does not fit the env or the context, or repeats a term
   *     name
   */
  public static RewardFn<FlatTransition> build(RewardSpec spec, FlatEnv env, RewardBuildContext context) {
    return build(spec, env.spec(), env.observationSpace(), env.actionSpace(), context);
  }

  /**
   * Builds {@code spec} for an environment with these spaces.
   *
   * @throws UserInputException if the spec does not fit the env or the context, or repeats a term
   *     name
   */
  public static RewardFn<FlatTransition> build(
      RewardSpec spec, EnvSpec env, Box observationSpace, Space<?> actionSpace, RewardBuildContext context) {
    if (spec == null || env == null || observationSpace == null || actionSpace == null || context == null) {
      throw new IllegalArgumentException("build needs a spec, the env's spec and spaces, and a RewardBuildContext");
    }
    checkUniqueNames(spec, "", new HashMap<>());
    return new TransitionBuilder(env, observationSpace, actionSpace, context).node(spec, "");
  }

  /**
   * Builds {@code spec} to score language-model completions (any type implementing
   * {@link ScoredCompletion}, such as a text task's completion). The reward checks every term and the
   * total: a NaN or infinite value throws a {@code NonFiniteRewardException} naming the term and the
   * evaluation. A stateful part (running normalization) keeps its state in the returned object; save
   * it with {@link RewardTree#saveState}.
   *
   * @param <C> the completion type; the reward only reads the {@link ScoredCompletion} view
   * @throws UserInputException if the spec has a term that reads transitions, or repeats a term name
   */
  @SuppressWarnings("unchecked")
  public static <C extends ScoredCompletion> RewardFn<C> buildForCompletions(RewardSpec spec) {
    if (spec == null) throw new IllegalArgumentException("buildForCompletions needs a spec");
    checkUniqueNames(spec, "", new HashMap<>());
    RewardFn<ScoredCompletion> fn = new FiniteChecked<>(new CompletionBuilder().node(spec, ""), "completion");
    // safe: a RewardFn only consumes its type parameter (evaluate, breakdown), so one that reads any
    // ScoredCompletion reads a C
    return (RewardFn<C>) (RewardFn<?>) fn;
  }

  /** The spec of the environment's own reward, unchanged: {@code {type: env}}. */
  public static RewardSpec envOnly() {
    return new RewardSpec.EnvReward();
  }

  /** Whether {@code spec} has a {@code potential} term anywhere (it then needs the env's potentials). */
  public static boolean hasPotentialTerm(RewardSpec spec) {
    if (spec instanceof RewardSpec.Potential) return true;
    for (RewardSpec c : childSpecs(spec)) if (hasPotentialTerm(c)) return true;
    return false;
  }

  /** The YAML {@code type} of a spec ({@code weighted}, {@code potential}, ...). */
  public static String typeName(RewardSpec spec) {
    for (JsonSubTypes.Type t : RewardSpec.class.getAnnotation(JsonSubTypes.class).value()) {
      if (t.value() == spec.getClass()) return t.name();
    }
    return spec.getClass().getSimpleName();
  }

  /** The specs directly inside {@code spec}, its operands included. */
  static List<RewardSpec> childSpecs(RewardSpec spec) {
    List<RewardSpec> out = new ArrayList<>();
    if (spec instanceof RewardSpec.Weighted s) s.terms().forEach(t -> out.add(t.reward()));
    else if (spec instanceof RewardSpec.Clip s) out.add(s.reward());
    else if (spec instanceof RewardSpec.Product s) {
      out.add(s.reward());
      out.addAll(s.penalties());
      out.addAll(s.terminateOn());
    } else if (spec instanceof RewardSpec.Gated s) s.levels().forEach(l -> out.add(l.reward()));
    else if (spec instanceof RewardSpec.Lexicographic s) s.levels().forEach(l -> out.add(l.reward()));
    else if (spec instanceof RewardSpec.Par s) out.add(s.reward());
    else if (spec instanceof RewardSpec.PrmRefine s && s.reward() != null) out.add(s.reward());
    else if (spec instanceof RewardSpec.Krc s) out.addAll(s.terms());
    else if (spec instanceof RewardSpec.Shape s) out.add(s.reward());
    else if (spec instanceof RewardSpec.DifficultyScale s) {
      out.add(s.reward());
      out.add(s.difficulty());
    } else if (spec instanceof RewardSpec.Normalize s) out.add(s.reward());
    return out;
  }

  // ---------------------------------------------------------------- building

  /** Builds the composites, which work on any input; the leaves are the subclass's. */
  private abstract static class Builder<X> {

    /** The leaf {@code spec} for this input type, or null if it is not a leaf this builder knows. */
    abstract RewardFn<X> leaf(RewardSpec spec, String path);

    /** Whether {@code x} is the last input of its episode. */
    abstract boolean episodeEnd(X x);

    /** Where a {@code par} term's references come from. */
    abstract PreferenceAsReward.References<X> references(RewardSpec.Par spec, String path);

    /** A {@code prm_refine} over a sequence of step scores (no {@code reward}). */
    abstract RewardFn<X> refinedSteps(RewardSpec.PrmRefine spec, String path);

    /** The wrong-domain error for a leaf this builder does not know. */
    abstract UserInputException notHere(RewardSpec spec, String path);

    RewardFn<X> node(RewardSpec spec, String path) {
      if (spec instanceof RewardSpec.Weighted s) {
        List<RewardFn<X>> children = new ArrayList<>();
        double[] weights = new double[s.terms().size()];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = s.terms().get(i).weight();
          children.add(node(s.terms().get(i).reward(), join(path, "terms." + i + ".reward")));
        }
        return new WeightedSum<>(children, weights);
      }
      if (spec instanceof RewardSpec.Clip s) {
        return new Clipped<>(s.name(), s.lo(), s.hi(), node(s.reward(), join(path, "reward")));
      }
      if (spec instanceof RewardSpec.Product s) {
        List<RewardFn<X>> penalties = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < s.penalties().size(); i++) {
          penalties.add(node(s.penalties().get(i), join(path, "penalties." + i)));
          names.add(s.penalties().get(i).name());
        }
        List<RewardFn<X>> hard = new ArrayList<>();
        for (int i = 0; i < s.terminateOn().size(); i++) {
          String where = join(path, "terminateOn." + i);
          RewardFn<X> h = node(s.terminateOn().get(i), where);
          if (RewardTree.isStateful(h)) {
            throw new UserInputException(join(where, "type"),
                "a hard-infraction check must be stateless (it is evaluated before the step is scored, and again with it), but this "
                    + typeName(s.terminateOn().get(i)) + " keeps state",
                "check the infraction on the state itself, e.g. `{type: feature, feature: <collision>}`");
          }
          hard.add(h);
        }
        return new MultiplicativePenalties<>(node(s.reward(), join(path, "reward")), penalties, names, hard, s.name(),
            s.terminalPenalty());
      }
      if (spec instanceof RewardSpec.Gated s) {
        List<RewardFn<X>> levels = new ArrayList<>();
        double[] thresholds = new double[s.levels().size()];
        for (int i = 0; i < thresholds.length; i++) {
          levels.add(node(s.levels().get(i).reward(), join(path, "levels." + i + ".reward")));
          thresholds[i] = s.levels().get(i).threshold();
        }
        return new GatedAccumulation<>(levels, thresholds, s.mode() == GateMode.EPISODE, this::episodeEnd);
      }
      if (spec instanceof RewardSpec.Lexicographic s) {
        int m = s.levels().size();
        List<RewardFn<X>> levels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] lo = new double[m];
        double[] hi = new double[m];
        double[] res = new double[m];
        for (int i = 0; i < m; i++) {
          RewardSpec.LexLevel l = s.levels().get(i);
          levels.add(node(l.reward(), join(path, "levels." + i + ".reward")));
          names.add(l.reward().name());
          lo[i] = l.lo() == null ? Double.NaN : l.lo();
          hi[i] = l.hi() == null ? Double.NaN : l.hi();
          res[i] = l.resolution() == null ? Double.NaN : l.resolution();
        }
        if (m > 0 && (Double.isNaN(lo[0]) != Double.isNaN(hi[0]))) {
          throw new UserInputException(join(path, "levels.0." + (Double.isNaN(lo[0]) ? "lo" : "hi")),
              "the first level has only one bound", "give both `lo` and `hi`, or neither");
        }
        return new LexicographicPriority<>(levels, names, lo, hi, res);
      }
      if (spec instanceof RewardSpec.Par s) {
        return new PreferenceAsReward<>(s.name(), node(s.reward(), join(path, "reward")), references(s, path), s.k());
      }
      if (spec instanceof RewardSpec.PrmRefine s) {
        if (s.reward() == null) return refinedSteps(s, path);
        return new StepRefinement<>(s.name(), node(s.reward(), join(path, "reward")), s.mode() != RefineMode.DELTA,
            s.mode() != RefineMode.CLIP, s.eta() == null ? 0.0 : s.eta(), this::episodeEnd);
      }
      if (spec instanceof RewardSpec.Krc s) {
        List<RewardFn<X>> terms = new ArrayList<>();
        for (int i = 0; i < s.terms().size(); i++) terms.add(node(s.terms().get(i), join(path, "terms." + i)));
        return new KinestheticCombination<>(s.name(), terms);
      }
      if (spec instanceof RewardSpec.Shape s) {
        var curve = switch (s.kind()) {
          case DISTANCE -> ShapeCurve.distance(s.scale(), s.dispersion(), s.density());
          case SQRT -> ShapeCurve.sqrt(s.scale());
          case LINEAR -> ShapeCurve.linear(s.scale());
          case THRESHOLD -> ShapeCurve.threshold(s.at());
        };
        return new ShapeCurve<>(s.name(), node(s.reward(), join(path, "reward")), curve);
      }
      if (spec instanceof RewardSpec.DifficultyScale s) {
        return new DifficultyScaled<>(node(s.reward(), join(path, "reward")), node(s.difficulty(), join(path, "difficulty")),
            s.factor());
      }
      if (spec instanceof RewardSpec.Normalize s) {
        return new RunningNormalized<>(s.name(), node(s.reward(), join(path, "reward")), s.center(), s.epsilon(),
            s.clip() == null ? Double.NaN : s.clip());
      }
      RewardFn<X> leaf = leaf(spec, path);
      if (leaf == null) throw notHere(spec, path);
      return leaf;
    }
  }

  /** Leaves on environment transitions. */
  private static final class TransitionBuilder extends Builder<FlatTransition> {
    private final EnvSpec env;
    private final Box obsSpace;
    private final Space<?> actSpace;
    private final RewardBuildContext context;

    TransitionBuilder(EnvSpec env, Box obsSpace, Space<?> actSpace, RewardBuildContext context) {
      this.env = env;
      this.obsSpace = obsSpace;
      this.actSpace = actSpace;
      this.context = context;
    }

    @Override
    RewardFn<FlatTransition> leaf(RewardSpec spec, String path) {
      if (spec instanceof RewardSpec.EnvReward s) return new EnvRewardTerm(s.name());
      if (spec instanceof RewardSpec.Potential s) {
        double gamma = s.gamma() != null ? s.gamma() : context.agentGamma();
        return new PotentialShaping(s.name(), potential(s.potential(), join(path, "potential")), gamma, s.weight());
      }
      if (spec instanceof RewardSpec.Bonus s) return new ConditionalConstant(s.name(), s.amount(), s.on());
      if (spec instanceof RewardSpec.Penalty s) return new ConditionalConstant(s.name(), -s.amount(), s.on());
      if (spec instanceof RewardSpec.ActionCost s) {
        if (!(actSpace instanceof Box)) {
          throw new UserInputException(
              join(path, "type"),
              env.id() + " has " + actSpace.getClass().getSimpleName() + " actions; an action_cost (‖a‖²) needs continuous (Box) actions",
              "remove this action_cost term or use an env with Box actions");
        }
        return new QuadraticActionCost(s.name(), s.coef());
      }
      if (spec instanceof RewardSpec.Feature s) {
        ObservationPotential f;
        if (s.index() != null) {
          int size = obsSpace.flatSize();
          if (s.index() >= size) {
            throw new UserInputException(join(path, "index"),
                "index " + s.index() + " is outside " + env.id() + "'s observation of " + size + " values",
                "use an index from 0 to " + (size - 1));
          }
          f = ObservationFeature.component(s.index());
        } else {
          f = potential(s.feature(), join(path, "feature"));
        }
        ObservationFeature.Position at = switch (s.of()) {
          case NEXT -> ObservationFeature.Position.NEXT;
          case CURRENT -> ObservationFeature.Position.CURRENT;
          case DELTA -> ObservationFeature.Position.DELTA;
        };
        return new ObservationFeature(s.name(), f, at, s.weight());
      }
      if (spec instanceof RewardSpec.RewardModelTerm s) {
        LearnedReward m = LearnedRewards.load(s.path(), join(path, "path"));
        return LearnedRewards.forTransitions(s.name(), m, s.input(), s.weight(), s.standardize(), obsSpace.flatSize(),
            actSpace instanceof Box b ? b.flatSize() : 1, join(path, "input"));
      }
      return null;
    }

    @Override
    boolean episodeEnd(FlatTransition t) {
      return t.terminated() || t.truncated();
    }

    @Override
    PreferenceAsReward.References<FlatTransition> references(RewardSpec.Par spec, String path) {
      if (spec.references() == null) {
        throw new UserInputException(join(path, "references"),
            "par on " + env.id() + "'s transitions needs constant reference rewards (per-prompt references exist only for completions)",
            "add `references: [<reward>, ...]`");
      }
      return PreferenceAsReward.constant(spec.references().stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    RewardFn<FlatTransition> refinedSteps(RewardSpec.PrmRefine spec, String path) {
      throw new UserInputException(join(path, "reward"),
          "prm_refine on " + env.id() + "'s transitions needs the per-step reward it refines (a step sequence exists only for completions)",
          "add `reward: {type: env}` or another spec giving each step's process reward");
    }

    @Override
    UserInputException notHere(RewardSpec spec, String path) {
      return new UserInputException(join(path, "type"),
          article(typeName(spec)) + " term scores language-model completions, and this reward scores " + env.id() + "'s transitions",
          "use transition terms here: env, potential, feature, bonus, penalty, action_cost and the composites");
    }

    private ObservationPotential potential(String name, String where) {
      ObservationPotential p = context.potentials().get(name);
      if (p != null) return p;
      Map<String, ObservationPotential> known = context.potentials();
      if (known.isEmpty()) {
        throw new UserInputException(where, "unknown potential '" + name + "': " + env.id() + " registers no potentials",
            "remove the term, or register potentials for " + env.id()
                + " with EnvRegistry.register(spec, factory, potentials)");
      }
      String hint = Suggestions.closest(name, known.keySet()).map(b -> "did you mean '" + b + "'? ").orElse("");
      throw new UserInputException(where, "unknown potential '" + name + "' for " + env.id(),
          hint + "use one of the potentials " + env.id() + " registers: " + String.join(", ", known.keySet()));
    }
  }

  /** Leaves on completions. */
  private static final class CompletionBuilder extends Builder<ScoredCompletion> {

    @Override
    RewardFn<ScoredCompletion> leaf(RewardSpec spec, String path) {
      if (spec instanceof RewardSpec.EnvReward s) {
        return CompletionValue.field(s.name(), CompletionValue.Field.SCORE, 1.0);
      }
      if (spec instanceof RewardSpec.Bonus s) return new CompletionConstant(s.name(), s.amount(), when(s.on()));
      if (spec instanceof RewardSpec.Penalty s) return new CompletionConstant(s.name(), -s.amount(), when(s.on()));
      if (spec instanceof RewardSpec.RewardModelTerm s) {
        LearnedReward m = LearnedRewards.load(s.path(), join(path, "path"));
        return LearnedRewards.forCompletions(s.name(), m, s.weight(), s.standardize(), join(path, "path"));
      }
      if (spec instanceof RewardSpec.CompletionTerm s) {
        if (s.signal() != null) return CompletionValue.signal(s.name(), s.signal(), s.weight());
        CompletionValue.Field f = switch (s.field()) {
          case CORRECT -> CompletionValue.Field.CORRECT;
          case FORMAT -> CompletionValue.Field.FORMAT;
          case FINISHED -> CompletionValue.Field.FINISHED;
          case SCORE -> CompletionValue.Field.SCORE;
          case LENGTH -> CompletionValue.Field.LENGTH;
        };
        return CompletionValue.field(s.name(), f, s.weight());
      }
      if (spec instanceof RewardSpec.LengthPenalty s) return new LinearLengthPenalty(s.name(), s.coef(), s.free());
      if (spec instanceof RewardSpec.Overlong s) return new OverlongPenalty(s.name(), s.maxLength(), s.cache(), s.factor());
      if (spec instanceof RewardSpec.LengthSwitch s) {
        return new CorrectnessSwitchedLengthPenalty(s.name(), s.alpha(), s.minStd(), s.mean(), s.std(), s.active());
      }
      if (spec instanceof RewardSpec.Conciseness s) {
        ConcisenessBonus.Schedule schedule = switch (s.anneal()) {
          case COSINE -> ConcisenessBonus.Schedule.COSINE;
          case LINEAR -> ConcisenessBonus.Schedule.LINEAR;
          case NONE -> ConcisenessBonus.Schedule.NONE;
        };
        return new ConcisenessBonus(s.name(), s.alpha(), s.conciseness(), s.progress(), schedule, s.accuracy());
      }
      if (spec instanceof RewardSpec.PageItem s) return new PageItemReward(s.name(), s.page(), s.items(), s.itemWeight(), s.pageWeight());
      if (spec instanceof RewardSpec.HierarchicalAction s) {
        return new HierarchicalActionReward(s.name(), s.format(), s.dars(), s.threshold(), s.signals());
      }
      if (spec instanceof RewardSpec.TaskReward s) return new TaskOutcome(s.name(), s.formatWeight());
      return null;
    }

    private static CompletionConstant.When when(Condition c) {
      return switch (c) {
        case TERMINATED -> CompletionConstant.When.FINISHED;
        case TRUNCATED -> CompletionConstant.When.UNFINISHED;
        case DONE, STEP -> CompletionConstant.When.ALWAYS;
      };
    }

    @Override
    boolean episodeEnd(ScoredCompletion c) {
      return true; // a completion is a whole episode
    }

    @Override
    PreferenceAsReward.References<ScoredCompletion> references(RewardSpec.Par spec, String path) {
      if (spec.references() != null) {
        return PreferenceAsReward.constant(spec.references().stream().mapToDouble(Double::doubleValue).toArray());
      }
      String name = spec.referenceSignal();
      String term = spec.name();
      return c -> {
        double[] refs = c.sequence(name);
        if (refs == null || refs.length == 0) {
          throw new IllegalStateException("reward term '" + term + "' needs the reference rewards of the completion's prompt in its sequence '"
              + name + "', and " + c + " has " + (refs == null ? "none" : "an empty one")
              + "; attach them where the completions are scored, or write constant `references:`");
        }
        return refs;
      };
    }

    @Override
    RewardFn<ScoredCompletion> refinedSteps(RewardSpec.PrmRefine spec, String path) {
      return new RefinedStepScores(spec.name(), spec.mode() != RefineMode.DELTA, spec.mode() != RefineMode.CLIP,
          spec.eta() == null ? 0.0 : spec.eta(), spec.steps());
    }

    @Override
    UserInputException notHere(RewardSpec spec, String path) {
      return new UserInputException(join(path, "type"),
          article(typeName(spec)) + " term scores environment transitions, and this reward scores completions",
          "use completion terms here: task (the task's verifier reward), env (the task's score), completion, bonus, penalty, length_penalty, overlong,"
              + " length_switch, conciseness, page_item, hierarchical_action and the composites");
    }
  }

  // ---------------------------------------------------------------- term names

  /**
   * Records every logged term name with the path of the spec that names it; a second use is an
   * error naming its {@code name} key. Operands (a product's penalties, krc terms, lexicographic
   * levels, ...) are logged under their own name only, so the names inside them form their own
   * namespace.
   */
  private static void checkUniqueNames(RewardSpec spec, String path, Map<String, String> seen) {
    if (spec instanceof RewardSpec.Weighted s) {
      for (int i = 0; i < s.terms().size(); i++) {
        checkUniqueNames(s.terms().get(i).reward(), join(path, "terms." + i + ".reward"), seen);
      }
      return;
    }
    if (spec instanceof RewardSpec.Gated s) {
      for (int i = 0; i < s.levels().size(); i++) {
        checkUniqueNames(s.levels().get(i).reward(), join(path, "levels." + i + ".reward"), seen);
      }
      return;
    }
    if (spec instanceof RewardSpec.DifficultyScale s) {
      checkUniqueNames(s.reward(), join(path, "reward"), seen);
      checkUniqueNames(s.difficulty(), join(path, "difficulty"), new HashMap<>());
      return;
    }
    if (spec instanceof RewardSpec.Lexicographic s) {
      for (int i = 0; i < s.levels().size(); i++) {
        String p = join(path, "levels." + i + ".reward");
        checkUniqueNames(s.levels().get(i).reward(), p, new HashMap<>());
        record(s.levels().get(i).reward().name(), p, seen);
      }
      return;
    }
    if (spec instanceof RewardSpec.Product s) {
      checkUniqueNames(s.reward(), join(path, "reward"), seen);
      for (int i = 0; i < s.penalties().size(); i++) {
        String p = join(path, "penalties." + i);
        checkUniqueNames(s.penalties().get(i), p, new HashMap<>());
        record(s.penalties().get(i).name(), p, seen);
      }
      for (int i = 0; i < s.terminateOn().size(); i++) {
        checkUniqueNames(s.terminateOn().get(i), join(path, "terminateOn." + i), new HashMap<>());
      }
      if (!s.terminateOn().isEmpty()) record(s.name(), path, seen);
      return;
    }
    if (spec instanceof RewardSpec.Krc s) {
      for (int i = 0; i < s.terms().size(); i++) checkUniqueNames(s.terms().get(i), join(path, "terms." + i), new HashMap<>());
    } else if (spec instanceof RewardSpec.Shape s) {
      checkUniqueNames(s.reward(), join(path, "reward"), new HashMap<>());
    } else if (spec instanceof RewardSpec.Clip s) {
      checkUniqueNames(s.reward(), join(path, "reward"), seen);
    } else if (spec instanceof RewardSpec.Par s) {
      checkUniqueNames(s.reward(), join(path, "reward"), seen);
    } else if (spec instanceof RewardSpec.Normalize s) {
      checkUniqueNames(s.reward(), join(path, "reward"), seen);
    } else if (spec instanceof RewardSpec.PrmRefine s && s.reward() != null) {
      checkUniqueNames(s.reward(), join(path, "reward"), seen);
    }
    if (spec instanceof RewardSpec.PageItem s) {
      record(s.name() + ".page", path, seen);
      record(s.name() + ".items", path, seen);
      return;
    }
    if (spec instanceof RewardSpec.HierarchicalAction s) {
      for (String t : List.of(".format", ".type", ".fields", ".similarity")) record(s.name() + t, path, seen);
      return;
    }
    record(spec.name(), path, seen);
  }

  private static void record(String name, String path, Map<String, String> seen) {
    String first = seen.putIfAbsent(name, path);
    if (first != null) {
      throw new UserInputException(
          join(path, "name"),
          "the term name '" + name + "' is used twice (also by the term at " + (first.isEmpty() ? "the root" : first) + ")",
          "give each term its own `name:`, e.g. `name: " + name + "_2`");
    }
  }

  /** "a potential", "an overlong". */
  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
