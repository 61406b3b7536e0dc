package org.rewardlab.envs.gfn;

/**
 * A GFlowNet environment: a DAG of partial objects built from {@link #initialState()} by forward
 * actions, in the style of torchgfn's {@code DiscreteEnv} (stateless; states are plain int vectors).
 *
 * <p>Actions {@code 0 .. numActions()-2} change the state; the last action, {@link #exitAction()},
 * ends the trajectory and makes the current state the terminal object {@code x} (torchgfn's move to
 * the sink {@code s_f}). Backward action {@code a} (for {@code a < exitAction()}) undoes forward action
 * {@code a}: {@code backwardStep(step(s, a), a) == s}. Masks say which actions are valid; samplers and
 * losses never use an action whose mask entry is false.
 *
 * <p>Enumeration: every state has a dense index in {@code 0 .. numStates()-1} and a depth (number of
 * forward non-exit actions from {@code s0}); the exact target {@code R(x)/Z} and the exact
 * distribution a forward policy induces are computed over these ({@link ExactDistribution}).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface GfnEnv {
  /** A short description, e.g. {@code hypergrid(D=2,H=8,R0=0.1)}. */
  String name();

  /** Length of a state vector. */
  int stateSize();

  /** Number of forward actions including the exit action (the last). */
  int numActions();

  /** The exit action's index, {@code numActions() - 1}; also the number of backward actions. */
  default int exitAction() {
    return numActions() - 1;
  }

  /** Width of {@link #encode}'s output (the networks' input). */
  int featureSize();

  /** {@code s0} (a fresh array). */
  int[] initialState();

  /** The largest number of non-exit actions in any trajectory. */
  int maxLength();

  /** Valid forward actions at {@code s}, {@code out.length == numActions()}. */
  void forwardMask(int[] s, boolean[] out);

  /** Valid backward actions at {@code s}, {@code out.length == exitAction()}; all false at {@code s0}. */
  void backwardMask(int[] s, boolean[] out);

  /** The child of {@code s} by non-exit action {@code a} (a fresh array). */
  int[] step(int[] s, int a);

  /** The parent of {@code s} by backward action {@code a} (a fresh array). */
  int[] backwardStep(int[] s, int a);

  /** Natural log of the reward of the terminal object {@code x} (a state where exit is valid). */
  double logReward(int[] x);

  /** Writes the network input of {@code s} into {@code out[offset ..]}. */
  void encode(int[] s, float[] out, int offset);

  /** Number of states, or -1 when the space is too large to enumerate. */
  int numStates();

  /** Dense index of {@code s} in {@code 0 .. numStates()-1}. */
  int index(int[] s);

  /** The state with index {@code i}. */
  int[] state(int i);

  /** Number of non-exit actions from {@code s0} to {@code s} (a topological order of the DAG). */
  int depth(int[] s);

  /** Whether {@link #partialLogReward} is defined (the reward is additive along the construction). */
  default boolean hasPartialRewards() {
    return false;
  }

  /**
   * {@code log R(s) = -E(s)} for any state, when the energy is a sum over transitions (FL-GFN, GEN §2);
   * equals {@link #logReward} at terminal objects.
   *
   * @throws UnsupportedOperationException when {@link #hasPartialRewards()} is false
   */
  default double partialLogReward(int[] s) {
    throw new UnsupportedOperationException(name() + " has no per-state (forward-looking) reward");
  }

  /** Whether {@code x} is a mode (for mode counts); false by default. */
  default boolean isMode(int[] x) {
    return false;
  }

  /** Whether exit is valid at {@code s}. */
  default boolean canExit(int[] s) {
    boolean[] m = new boolean[numActions()];
    forwardMask(s, m);
    return m[exitAction()];
  }
}
