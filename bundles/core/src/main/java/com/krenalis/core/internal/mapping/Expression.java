package com.krenalis.core.internal.mapping;

import java.util.Map;

/**
 * A compiled expression: a node of the evaluator tree. Nodes are immutable, so a compiled mapping is safe to share
 * between threads.
 */
abstract class Expression {
    /** Where the expression starts in its text, as a char index (messages show it 1-based, in code points). */
    final int position;
    final Shape shape;

    Expression(int position, Shape shape) {
        this.position = position;
        this.shape = shape;
    }

    /**
     * The value of the expression for one input record: null, String, Number, Boolean, List or Map (or a typed value
     * the input holds, such as an Instant from a typed source).
     *
     * @throws ExpressionException when a function cannot work on what it was given
     */
    abstract Object eval(Map<String, ?> record);
}
