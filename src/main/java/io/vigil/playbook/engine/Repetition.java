package io.vigil.playbook.engine;

/**
 * Names an iteration: the indexes of the enclosing loops' iterations, outermost first, each as six
 * digits so that names sort in iteration order ("000002", "000001-000003"). Empty outside loops.
 */
public final class Repetition {
  private Repetition() {}

  public static String child(String parent, int index) {
    // Not String.format: it parses its pattern on every call, for a name every iteration needs.
    String digits = Integer.toString(index);
    String own = "000000".substring(Math.min(6, digits.length())) + digits;
    return parent.isEmpty() ? own : parent + "-" + own;
  }
}
