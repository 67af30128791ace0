package com.krenalis.core.internal.filters;

import com.krenalis.api.types.TypeKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The operators of a filter condition, with their JSON spelling and how many values they take.
 *
 * <p>Each negative operator is the exact complement of its positive one ({@link #positive()}): a condition whose
 * property has no value never matches a positive operator, so it always matches the negative one ({@code is not},
 * {@code does not contain}, ...). That is what both evaluations implement, and what makes them agree.
 */
public enum Operator {
    IS("is", 1, 1),
    IS_NOT("is not", 1, 1),
    IS_LESS_THAN("is less than", 1, 1),
    IS_LESS_THAN_OR_EQUAL_TO("is less than or equal to", 1, 1),
    IS_GREATER_THAN("is greater than", 1, 1),
    IS_GREATER_THAN_OR_EQUAL_TO("is greater than or equal to", 1, 1),
    IS_BETWEEN("is between", 2, 2),
    IS_NOT_BETWEEN("is not between", 2, 2),
    CONTAINS("contains", 1, 1),
    DOES_NOT_CONTAIN("does not contain", 1, 1),
    STARTS_WITH("starts with", 1, 1),
    ENDS_WITH("ends with", 1, 1),
    IS_ONE_OF("is one of", 1, Operator.MAX_VALUES),
    IS_NOT_ONE_OF("is not one of", 1, Operator.MAX_VALUES),
    IS_EMPTY("is empty", 0, 0),
    IS_NOT_EMPTY("is not empty", 0, 0),
    IS_NULL("is null", 0, 0),
    IS_NOT_NULL("is not null", 0, 0),
    EXISTS("exists", 0, 0),
    DOES_NOT_EXIST("does not exist", 0, 0),
    IS_BEFORE("is before", 1, 1),
    IS_AFTER("is after", 1, 1),
    IS_TRUE("is true", 0, 0),
    IS_FALSE("is false", 0, 0);

    /** The most values {@code is one of} takes: bound parameters are not free. */
    public static final int MAX_VALUES = 1000;

    private static final Set<Operator> ORDERING = EnumSet.of(IS_LESS_THAN, IS_LESS_THAN_OR_EQUAL_TO, IS_GREATER_THAN,
            IS_GREATER_THAN_OR_EQUAL_TO, IS_BETWEEN, IS_NOT_BETWEEN);
    private static final Set<Operator> EQUALITY = EnumSet.of(IS, IS_NOT, IS_ONE_OF, IS_NOT_ONE_OF);
    private static final Set<Operator> NULLS = EnumSet.of(IS_NULL, IS_NOT_NULL);
    private static final Set<Operator> TEXT = EnumSet.of(CONTAINS, DOES_NOT_CONTAIN, STARTS_WITH, ENDS_WITH, IS_EMPTY,
            IS_NOT_EMPTY);

    private final String json;
    private final int minValues;
    private final int maxValues;

    Operator(String json, int minValues, int maxValues) {
        this.json = json;
        this.minValues = minValues;
        this.maxValues = maxValues;
    }

    /** The spelling in filter JSON, e.g. {@code "is not one of"}. */
    public String json() {
        return json;
    }

    public int minValues() {
        return minValues;
    }

    public int maxValues() {
        return maxValues;
    }

    public static Optional<Operator> fromJson(String json) {
        for (Operator o : values()) {
            if (o.json.equals(json)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The operator this one is the complement of, or itself when it is not negative. */
    public Operator positive() {
        return switch (this) {
            case IS_NOT -> IS;
            case IS_NOT_BETWEEN -> IS_BETWEEN;
            case DOES_NOT_CONTAIN -> CONTAINS;
            case IS_NOT_ONE_OF -> IS_ONE_OF;
            case IS_NOT_EMPTY -> IS_EMPTY;
            case IS_NOT_NULL -> IS_NULL;
            case DOES_NOT_EXIST -> EXISTS;
            default -> this;
        };
    }

    public boolean negative() {
        return positive() != this;
    }

    /**
     * The operators that apply to a value of a kind. {@code OBJECT} values and arrays of non-scalar elements are JSON
     * in the warehouse: use {@code JSON} for them; {@code ARRAY} here is an array of scalars. {@code exists} and
     * {@code does not exist} apply only to nested paths (the parser checks that).
     */
    public static Set<Operator> applicableTo(TypeKind kind) {
        Set<Operator> ops = EnumSet.copyOf(NULLS);
        switch (kind) {
            case STRING -> {
                ops.addAll(EQUALITY);
                ops.addAll(TEXT);
            }
            case INT, FLOAT, DECIMAL -> {
                ops.addAll(EQUALITY);
                ops.addAll(ORDERING);
            }
            case DATETIME, DATE, TIME -> {
                ops.addAll(EQUALITY);
                ops.addAll(ORDERING);
                ops.addAll(EnumSet.of(IS_BEFORE, IS_AFTER));
            }
            case BOOLEAN -> ops.addAll(EnumSet.of(IS, IS_NOT, IS_TRUE, IS_FALSE));
            case UUID, IP -> ops.addAll(EQUALITY);
            case ARRAY -> ops.addAll(EnumSet.of(CONTAINS, DOES_NOT_CONTAIN, IS_EMPTY, IS_NOT_EMPTY));
            case JSON, OBJECT -> {
                ops.addAll(EQUALITY);
                ops.addAll(ORDERING);
                ops.addAll(TEXT);
                ops.addAll(EnumSet.of(IS_TRUE, IS_FALSE, EXISTS, DOES_NOT_EXIST));
            }
            default -> throw new IllegalArgumentException("no operators for " + kind.name().toLowerCase(Locale.ROOT));
        }
        return ops;
    }
}
