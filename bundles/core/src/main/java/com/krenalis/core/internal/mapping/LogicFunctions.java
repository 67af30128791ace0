package com.krenalis.core.internal.mapping;

import com.krenalis.core.internal.mapping.Shape.Kind;
import java.util.List;
import java.util.Map;

/**
 * coalesce, if, eq, ne, and, or, not. Conditions are two-valued: null (no value) counts as false, any other value
 * that is not true or false is an error; eq and ne never return null.
 */
final class LogicFunctions {
    private LogicFunctions() {
    }

    static Expression coalesce(int position, List<Expression> args) {
        Shape shape = Shape.NULL;
        for (Expression a : args) {
            shape = Shape.join(shape, a.shape);
        }
        return new Coalesce(position, shape, args.toArray(new Expression[0]));
    }

    static Expression ifThenElse(int position, List<Expression> args) {
        condition(args.get(0), "if");
        Expression otherwise = args.size() == 3 ? args.get(2) : new Literal(position, null);
        return new If(position, args.get(0), args.get(1), otherwise);
    }

    static Expression andOr(int position, List<Expression> args, boolean and) {
        for (Expression a : args) {
            condition(a, and ? "and" : "or");
        }
        return new AndOr(position, args.toArray(new Expression[0]), and);
    }

    static Expression not(int position, List<Expression> args) {
        condition(args.get(0), "not");
        return new Not(position, args.get(0));
    }

    private static void condition(Expression e, String function) {
        Functions.expect(e, function, "a condition (true or false)", Kind.BOOLEAN);
    }

    /** A condition's value: null is false, a non-boolean an error. */
    static boolean isTrue(Object v, Expression at, String function) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException(at.position, function + " takes a condition (true or false), was "
                + Operands.describe(v) + "; compare it with eq to test other values");
    }

    /** The first argument that is not null, evaluating no further; null when all are. */
    static final class Coalesce extends Expression {
        final Expression[] args;

        Coalesce(int position, Shape shape, Expression[] args) {
            super(position, shape);
            this.args = args;
        }

        @Override
        Object eval(Map<String, ?> record) {
            for (Expression a : args) {
                Object v = a.eval(record);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }

    static final class If extends Expression {
        final Expression condition;
        final Expression then;
        final Expression otherwise;

        If(int position, Expression condition, Expression then, Expression otherwise) {
            super(position, Shape.join(then.shape, otherwise.shape));
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        Object eval(Map<String, ?> record) {
            return isTrue(condition.eval(record), condition, "if") ? then.eval(record) : otherwise.eval(record);
        }
    }

    /** eq, or ne when negated. */
    static final class Eq extends Expression {
        private final Expression left;
        private final Expression right;
        private final boolean negated;

        Eq(int position, Expression left, Expression right, boolean negated) {
            super(position, Shape.BOOLEAN);
            this.left = left;
            this.right = right;
            this.negated = negated;
        }

        @Override
        Object eval(Map<String, ?> record) {
            return Operands.equal(left.eval(record), right.eval(record)) != negated;
        }
    }

    /** and (every condition true) or or (any condition true), left to right, stopping once the answer is known. */
    static final class AndOr extends Expression {
        private final Expression[] args;
        private final boolean and;

        AndOr(int position, Expression[] args, boolean and) {
            super(position, Shape.BOOLEAN);
            this.args = args;
            this.and = and;
        }

        @Override
        Object eval(Map<String, ?> record) {
            for (Expression a : args) {
                if (isTrue(a.eval(record), a, and ? "and" : "or") != and) {
                    return !and;
                }
            }
            return and;
        }
    }

    static final class Not extends Expression {
        private final Expression arg;

        Not(int position, Expression arg) {
            super(position, Shape.BOOLEAN);
            this.arg = arg;
        }

        @Override
        Object eval(Map<String, ?> record) {
            return !isTrue(arg.eval(record), arg, "not");
        }
    }
}
