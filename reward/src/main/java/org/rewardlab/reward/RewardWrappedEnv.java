package org.rewardlab.reward;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatEnvWrapper;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.reward.EpisodeRewardTerms;
import org.rewardlab.core.reward.NonFiniteRewardException;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.reward.compose.EndsEpisode;
import org.rewardlab.reward.compose.RewardTree;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * A {@link FlatEnv} whose step reward is a {@link RewardFn} of the inner env's transition: it remembers
 * the previous observation, scores {@code (s, a, r_env, s', terminated, truncated)} with the reward
 * function, and returns the total. The per-term values of the last step and the per-term sums of the
 * last completed episode are kept for logging as {@code reward/<term>}.
 *
 * <h2>Truncation</h2>
 *
 * The time limit belongs to the inner env ({@link org.rewardlab.core.env.FlatTimeLimit}, applied by
 * {@code EnvRegistry.make}); this wrapper reads its {@link FlatEnv#truncated()} and passes it on. The
 * transition a reward term sees is marked {@code truncated} only when it did not also terminate (a
 * terminal s' is terminal, whatever the clock says).
 *
 * <h2>Completed episodes</h2>
 *
 * The sums of an episode move to {@link #completedEpisodeTerms()} when the next {@code reset} starts,
 * so they survive a vector env's same-step autoreset; {@link #completedEpisodes()} counts them, so a
 * caller can tell a new one is available.
 *
 * <h2>Rewards that end episodes</h2>
 *
 * A reward part that can end an episode ({@link EndsEpisode}: a product's hard infractions) is asked
 * before each transition is scored; if it ends the episode there, the transition is scored as
 * terminal (not truncated), and {@link #terminated()} reports it, so a vector env resets the episode
 * as if the inner env had terminated.
 *
 * <h2>Stateful rewards and checkpoints</h2>
 *
 * Reward parts that keep state between steps (running normalization, Delta refinement's previous
 * step, gated accumulation's deferred sums: the {@link org.rewardlab.core.env.Checkpointable} parts
 * {@link RewardTree} finds) are saved with the wrapper, so a run resumes bit for bit. A reward with
 * no such part and no part that ends episodes adds nothing to the checkpoint, whose layout is then
 * the same as before rewards could keep state.
 *
 * <p>Every term and the total are checked: a NaN or infinite value throws a
 * {@link NonFiniteRewardException} naming the term and the step. No allocation per step. Not
 * thread-safe.
 */
public final class RewardWrappedEnv implements FlatEnvWrapper, Checkpointable, EpisodeRewardTerms {
  private final FlatEnv inner;
  private final Supplier<RewardFn<FlatTransition>> rewardFactory;
  private final RewardFn<FlatTransition> reward;
  private final List<String> names;
  private final FlatTransition transition;
  private final float[] prevObs;
  private final double[] lastTerms;
  private final double[] episodeTerms;
  private final double[] completedTerms;
  private final List<Checkpointable> statefulParts;
  private final List<EndsEpisode<FlatTransition>> enders;
  private boolean started;
  private boolean rewardEnded;
  private int episodeSteps;
  private int completedLength;
  private long completedEpisodes;
  private long totalSteps;
  private double episodeEnvReturn;
  private double completedEnvReturn;

  /**
   * Wraps {@code inner} with the reward {@code spec} describes, built for inner's spaces with
   * {@code context} (the agent's γ and the env's potentials, see {@link RewardSpecs#build}).
   *
   * @throws org.rewardlab.core.UserInputException if the spec does not fit the env or the context
   *     (the error names the key relative to the spec's root)
   */
  public RewardWrappedEnv(FlatEnv inner, RewardSpec spec, RewardBuildContext context) {
    this(inner, () -> RewardSpecs.build(spec, inner, context));
  }

  /**
   * Transitional: wraps {@code inner} with a spec that has no {@code potential} term (those need
   * the env's potentials and the agent's γ, which only the caller knows).
   *
   * @deprecated pass a {@link RewardBuildContext}: {@link #RewardWrappedEnv(FlatEnv, RewardSpec,
   *     RewardBuildContext)}; this constructor goes once its last caller moves
   * @throws IllegalStateException if {@code spec} has a potential term
   */
  @Deprecated(forRemoval = true)
  public RewardWrappedEnv(FlatEnv inner, RewardSpec spec) {
    this(inner, spec, contextWithoutPotentials(spec, inner));
  }

  private static RewardBuildContext contextWithoutPotentials(RewardSpec spec, FlatEnv inner) {
    if (RewardSpecs.hasPotentialTerm(spec)) {
      throw new IllegalStateException(
          "this reward spec has a potential term, which needs the agent's gamma and " + inner.spec().id()
              + "'s potentials: build it with new RewardWrappedEnv(env, spec, new RewardBuildContext(agentGamma,"
              + " EnvRegistry.potentials(id)))");
    }
    return new RewardBuildContext(1.0); // γ is only read by potential terms, and there are none
  }

  /**
   * Wraps {@code inner} with a reward made by {@code rewardFactory}; {@link #copy()} calls the factory
   * again, so stateful rewards are never shared.
   */
  public RewardWrappedEnv(FlatEnv inner, Supplier<RewardFn<FlatTransition>> rewardFactory) {
    this.inner = inner;
    this.rewardFactory = rewardFactory;
    this.reward = rewardFactory.get();
    this.names = List.copyOf(reward.termNames());
    int n = names.size();
    this.transition = new FlatTransition(inner.observationSize(), inner.actionSize());
    this.prevObs = new float[inner.observationSize()];
    this.lastTerms = new double[n];
    this.episodeTerms = new double[n];
    this.completedTerms = new double[n];
    this.statefulParts = RewardTree.statefulParts(reward);
    this.enders = RewardTree.episodeEnders(reward);
  }

  /** The reward's term names, in the order of {@link #lastTerms()}. */
  @Override
  public List<String> termNames() {
    return names;
  }

  /** The reward function in use. */
  public RewardFn<FlatTransition> rewardFn() {
    return reward;
  }

  /** The inner env. */
  @Override
  public FlatEnv inner() {
    return inner;
  }

  /** Per-term values of the last step (a live buffer: read, don't keep). */
  public double[] lastTerms() {
    return lastTerms;
  }

  /** Per-term sums of the episode in progress (a live buffer). */
  public double[] episodeTerms() {
    return episodeTerms;
  }

  @Override
  public double[] episodeTermSums() {
    return episodeTerms;
  }

  @Override
  public double episodeEnvReturn() {
    return episodeEnvReturn;
  }

  /**
   * Per-term undiscounted sums of the last completed episode (a live buffer, valid once
   * {@link #completedEpisodes()} &gt; 0).
   */
  public double[] completedEpisodeTerms() {
    return completedTerms;
  }

  /** How many episodes have completed (moved to {@link #completedEpisodeTerms()}) so far. */
  public long completedEpisodes() {
    return completedEpisodes;
  }

  /**
   * The undiscounted sum of the inner env's own rewards over the last completed episode (what
   * {@code charts/episodic_return} reports, whatever reward the agent is trained on).
   */
  public double completedEpisodeEnvReturn() {
    return completedEnvReturn;
  }

  /** The length in steps of the last completed episode. */
  public int completedEpisodeLength() {
    return completedLength;
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    beginEpisode();
    inner.reset(seed, obs, off);
    System.arraycopy(obs, off, prevObs, 0, prevObs.length);
  }

  @Override
  public void reset(float[] obs, int off) {
    beginEpisode();
    inner.reset(obs, off);
    System.arraycopy(obs, off, prevObs, 0, prevObs.length);
  }

  private void beginEpisode() {
    if (episodeSteps > 0) {
      System.arraycopy(episodeTerms, 0, completedTerms, 0, episodeTerms.length);
      completedLength = episodeSteps;
      completedEnvReturn = episodeEnvReturn;
      completedEpisodes++;
    }
    episodeEnvReturn = 0;
    Arrays.fill(episodeTerms, 0);
    episodeSteps = 0;
    started = true;
    rewardEnded = false;
    reward.reset();
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    if (!started) {
      throw new IllegalStateException("step called before reset on " + inner.spec().id() + "; call reset(seed, obs, off) first");
    }
    double envReward = inner.step(action, aOff, obs, oOff);
    boolean terminated = inner.terminated();
    episodeSteps++;
    totalSteps++;
    episodeEnvReturn += envReward;
    boolean truncated = !terminated && inner.truncated();
    transition.set(prevObs, 0, action, aOff, envReward, obs, oOff, terminated, truncated);
    rewardEnded = false;
    if (!terminated) {
      for (int i = 0; i < enders.size(); i++) {
        if (enders.get(i).endsEpisode(transition)) {
          rewardEnded = true;
          transition.set(prevObs, 0, action, aOff, envReward, obs, oOff, true, false);
          break;
        }
      }
    }
    double total = reward.evaluate(transition, lastTerms);
    for (int i = 0; i < lastTerms.length; i++) {
      if (!Double.isFinite(lastTerms[i])) throw nonFinite(names.get(i), lastTerms[i], envReward);
      episodeTerms[i] += lastTerms[i];
    }
    if (!Double.isFinite(total)) throw nonFinite("total", total, envReward);
    System.arraycopy(obs, oOff, prevObs, 0, prevObs.length);
    return total;
  }

  private NonFiniteRewardException nonFinite(String term, double value, double envReward) {
    return new NonFiniteRewardException(
        term,
        totalSteps,
        "reward term '" + term + "' is " + value + " at env step " + totalSteps + " (step " + episodeSteps
            + " of episode " + (completedEpisodes + 1) + ") of " + inner.spec().id()
            + "; env reward " + envReward + ", observation " + Arrays.toString(prevObs)
            + " — check that term's parameters and the env's observations");
  }

  /** The inner env terminated, or a part of the reward ended the episode (see the class comment). */
  @Override
  public boolean terminated() {
    return inner.terminated() || rewardEnded;
  }

  /** Whether a part of the reward (not the inner env) ended the episode at the last step. */
  public boolean endedByReward() {
    return rewardEnded;
  }

  /** A new wrapper over a fresh copy of the inner env, with a fresh reward from the same factory. */
  @Override
  public RewardWrappedEnv copy() {
    return new RewardWrappedEnv(inner.copy(), rewardFactory);
  }

  /**
   * Saves the wrapper's counters and sums, then the reward's state, then the inner env's state (the
   * inner env must be {@link Checkpointable}). The reward's state is a marked section holding whether
   * the reward ended the episode and each stateful part's state ({@link RewardTree#saveState}); a
   * reward with no stateful part and no part that ends episodes writes no section, so its layout is
   * the wrapper's original one.
   */
  @Override
  public void saveState(StateBuffer out) {
    if (!(inner instanceof Checkpointable c)) {
      throw new IllegalStateException(inner + " is not Checkpointable, so the reward wrapper cannot be checkpointed");
    }
    out.putBoolean(started);
    out.putLong(episodeSteps);
    out.putLong(completedLength);
    out.putLong(completedEpisodes);
    out.putLong(totalSteps);
    out.putDouble(episodeEnvReturn);
    out.putDouble(completedEnvReturn);
    out.putFloats(prevObs);
    out.putDoubles(lastTerms);
    out.putDoubles(episodeTerms);
    out.putDoubles(completedTerms);
    if (hasRewardState()) {
      out.putLong(REWARD_STATE_MARK);
      out.putLong(statefulParts.size());
      out.putBoolean(rewardEnded);
      RewardTree.saveState(reward, out);
    }
    c.saveState(out);
  }

  @Override
  public void loadState(StateBuffer in) {
    if (!(inner instanceof Checkpointable c)) {
      throw new IllegalStateException(inner + " is not Checkpointable, so the reward wrapper cannot be restored");
    }
    started = in.getBoolean();
    episodeSteps = (int) in.getLong();
    completedLength = (int) in.getLong();
    completedEpisodes = in.getLong();
    totalSteps = in.getLong();
    episodeEnvReturn = in.getDouble();
    completedEnvReturn = in.getDouble();
    copyInto(in.getFloats(), prevObs);
    copyInto(in.getDoubles(), lastTerms);
    copyInto(in.getDoubles(), episodeTerms);
    copyInto(in.getDoubles(), completedTerms);
    if (hasRewardState()) {
      long mark = in.getLong();
      long parts = mark == REWARD_STATE_MARK ? in.getLong() : -1;
      if (parts != statefulParts.size()) {
        throw new IllegalStateException("saved state does not fit this reward wrapper: the reward "
            + (parts < 0 ? "was saved without state" : "was saved with " + parts + " stateful parts")
            + ", and this one has " + statefulParts.size() + " (was the checkpoint written with another reward spec?)");
      }
      rewardEnded = in.getBoolean();
      RewardTree.loadState(reward, in);
    } else {
      rewardEnded = false;
    }
    c.loadState(in);
  }

  /** Marks the reward's section of a checkpoint ("RWDSTATE" in ASCII). */
  private static final long REWARD_STATE_MARK = 0x5257445354415445L;

  private boolean hasRewardState() {
    return !statefulParts.isEmpty() || !enders.isEmpty();
  }

  private static void copyInto(float[] src, float[] dst) {
    if (src.length != dst.length) throw new IllegalStateException("saved state does not fit this reward wrapper");
    System.arraycopy(src, 0, dst, 0, dst.length);
  }

  private static void copyInto(double[] src, double[] dst) {
    if (src.length != dst.length) throw new IllegalStateException("saved state does not fit this reward wrapper");
    System.arraycopy(src, 0, dst, 0, dst.length);
  }
}
