package org.autodiff4j.tensor;

/**
 * A recorded application of a primitive: the op and the tensors it was applied to. The output
 * tensor holds its node; the engine walks from outputs through nodes to inputs. Releasing a node
 * drops the inputs, so a graph that was back-propagated once frees its saved tensors.
 */
final class Node {

    final Primitive op;
    private Tensor[] inputs;
    /** Where user code applied the op, recorded only in anomaly mode ({@link AnomalyMode}); else null. */
    final String site;

    Node(Primitive op, Tensor[] inputs) {
        this.op = op;
        this.inputs = inputs;
        this.site = AnomalyMode.isEnabled() ? AnomalyMode.callSite() : null;
    }

    /** The inputs, or null once released. */
    Tensor[] inputs() {
        return inputs;
    }

    void release() {
        inputs = null;
    }

    boolean released() {
        return inputs == null;
    }

    /** The op's name for messages, as {@code Unary.EXP} prints {@code exp}. */
    String name() {
        String s = op.toString();
        int paren = s.indexOf('[');
        return (paren < 0 ? s : s.substring(0, paren)).toLowerCase(java.util.Locale.ROOT);
    }
}
