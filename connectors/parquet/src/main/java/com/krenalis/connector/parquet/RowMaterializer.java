package com.krenalis.connector.parquet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Assembles each Parquet record into a map of property name to value: primitives through {@link ValueDecoder}, LISTs
 * (and old-style repeated fields) into {@code List}s, MAPs and structs into {@code Map}s keyed by the file's own names.
 * A value that cannot be decoded does not stop the assembly (the column readers must stay in step): it is noted, and
 * {@link #error()} tells the reader to reject the record.
 */
final class RowMaterializer extends RecordMaterializer<Map<String, Object>> {
    private final Root root;
    private String error;

    RowMaterializer(MessageType schema) {
        this.root = new Root(schema, ParquetTypes.names(schema));
    }

    /** Why the record just read cannot be delivered, or null; cleared by the next record. */
    String error() {
        return error;
    }

    @Override
    public Map<String, Object> getCurrentRecord() {
        return root.row;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private final class Root extends GroupConverter {
        private final List<String> names;
        private final Converter[] fields;
        private final List<RepeatedList> resets = new ArrayList<>();
        private Map<String, Object> row;

        Root(MessageType schema, List<String> names) {
            this.names = names;
            this.fields = new Converter[schema.getFieldCount()];
            for (int i = 0; i < fields.length; i++) {
                String name = names.get(i);
                fields[i] = field(schema.getType(i), name, v -> row.put(name, v), resets);
            }
        }

        @Override
        public Converter getConverter(int i) {
            return fields[i];
        }

        @Override
        public void start() {
            error = null;
            row = new LinkedHashMap<>();
            names.forEach(n -> row.put(n, null));
            resets.forEach(RepeatedList::reset);
        }

        @Override
        public void end() {
        }
    }

    /**
     * The converter of a field; a repeated field outside a LIST collects its values into a list, which the enclosing
     * group resets at each of its starts (through {@code resets}).
     */
    private Converter field(Type type, String column, Consumer<Object> target, List<RepeatedList> resets) {
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            RepeatedList list = new RepeatedList(target);
            resets.add(list);
            return single(type, column, list::add);
        }
        return single(type, column, target);
    }

    private Converter single(Type type, String column, Consumer<Object> target) {
        if (type.isPrimitive()) {
            return new Primitive(new ValueDecoder(column, type.asPrimitiveType()), target);
        }
        GroupType group = type.asGroupType();
        LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && group.getFieldCount() == 1
                && group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            return new ListGroup(group, column, target);
        }
        if ((logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) && group.getFieldCount() == 1
                && !group.getType(0).isPrimitive() && group.getType(0).asGroupType().getFieldCount() == 2) {
            return new MapGroup(group, column, target);
        }
        return new Struct(group, column, target);
    }

    private final class Primitive extends PrimitiveConverter {
        private final ValueDecoder decoder;
        private final Consumer<Object> target;

        Primitive(ValueDecoder decoder, Consumer<Object> target) {
            this.decoder = decoder;
            this.target = target;
        }

        @Override
        public void addBinary(Binary value) {
            try {
                target.accept(decoder.ofBinary(value));
            } catch (ValueDecoder.BadValue e) {
                fail(e);
            }
        }

        @Override
        public void addBoolean(boolean value) {
            target.accept(value);
        }

        @Override
        public void addDouble(double value) {
            target.accept(value);
        }

        @Override
        public void addFloat(float value) {
            target.accept(Double.parseDouble(Float.toString(value))); // 0.1f is 0.1, not 0.10000000149011612
        }

        @Override
        public void addInt(int value) {
            target.accept(decoder.ofInt(value));
        }

        @Override
        public void addLong(long value) {
            try {
                target.accept(decoder.ofLong(value));
            } catch (ValueDecoder.BadValue e) {
                fail(e);
            }
        }
    }

    private void fail(ValueDecoder.BadValue e) {
        if (error == null) {
            error = e.getMessage();
        }
    }

    /** A repeated field outside a LIST: the record's values of it, in order, as one list; reset by its parent. */
    private static final class RepeatedList {
        private final Consumer<Object> target;
        private List<Object> list;

        RepeatedList(Consumer<Object> target) {
            this.target = target;
        }

        void add(Object value) {
            if (list == null) {
                list = new ArrayList<>();
                target.accept(list);
            }
            list.add(value);
        }

        void reset() {
            list = null;
        }
    }

    private final class ListGroup extends GroupConverter {
        private final Converter repeated;
        private final Consumer<Object> target;
        private List<Object> list;

        ListGroup(GroupType group, String column, Consumer<Object> target) {
            this.target = target;
            Type repeatedType = group.getType(0);
            Type element = ParquetTypes.listElement(repeatedType, group.getName());
            if (element == repeatedType) {
                // old two-level list: each repeated value is an element
                repeated = single(repeatedType, column, v -> list.add(v));
            } else {
                repeated = new ElementHolder(element, column, v -> list.add(v));
            }
        }

        @Override
        public Converter getConverter(int i) {
            return repeated;
        }

        @Override
        public void start() {
            list = new ArrayList<>();
        }

        @Override
        public void end() {
            target.accept(list);
        }
    }

    /** The repeated group of a three-level list: one element each time, null when the element is absent. */
    private final class ElementHolder extends GroupConverter {
        private final Converter element;
        private final Consumer<Object> target;
        private final List<RepeatedList> resets = new ArrayList<>();
        private Object value;

        ElementHolder(Type element, String column, Consumer<Object> target) {
            this.target = target;
            this.element = field(element, column, v -> value = v, resets);
        }

        @Override
        public Converter getConverter(int i) {
            return element;
        }

        @Override
        public void start() {
            value = null;
            resets.forEach(RepeatedList::reset);
        }

        @Override
        public void end() {
            target.accept(value);
        }
    }

    private final class MapGroup extends GroupConverter {
        private final Converter entries;
        private final Consumer<Object> target;
        private Map<String, Object> map;

        MapGroup(GroupType group, String column, Consumer<Object> target) {
            this.target = target;
            this.entries = new Entry(group.getType(0).asGroupType(), column, (k, v) -> map.put(String.valueOf(k), v));
        }

        @Override
        public Converter getConverter(int i) {
            return entries;
        }

        @Override
        public void start() {
            map = new LinkedHashMap<>();
        }

        @Override
        public void end() {
            target.accept(map);
        }
    }

    private final class Entry extends GroupConverter {
        private final Converter key;
        private final Converter value;
        private final java.util.function.BiConsumer<Object, Object> target;
        private final List<RepeatedList> resets = new ArrayList<>();
        private Object k;
        private Object v;

        Entry(GroupType entry, String column, java.util.function.BiConsumer<Object, Object> target) {
            this.target = target;
            this.key = field(entry.getType(0), column, x -> k = x, resets);
            this.value = field(entry.getType(1), column, x -> v = x, resets);
        }

        @Override
        public Converter getConverter(int i) {
            return i == 0 ? key : value;
        }

        @Override
        public void start() {
            k = null;
            v = null;
            resets.forEach(RepeatedList::reset);
        }

        @Override
        public void end() {
            target.accept(k, v);
        }
    }

    /** A group that is neither a LIST nor a MAP: a map of its fields by their names in the file. */
    private final class Struct extends GroupConverter {
        private final GroupType group;
        private final Converter[] fields;
        private final Consumer<Object> target;
        private final List<RepeatedList> resets = new ArrayList<>();
        private Map<String, Object> map;

        Struct(GroupType group, String column, Consumer<Object> target) {
            this.group = group;
            this.target = target;
            this.fields = new Converter[group.getFieldCount()];
            for (int i = 0; i < fields.length; i++) {
                String name = group.getType(i).getName();
                fields[i] = field(group.getType(i), column, v -> map.put(name, v), resets);
            }
        }

        @Override
        public Converter getConverter(int i) {
            return fields[i];
        }

        @Override
        public void start() {
            map = new LinkedHashMap<>();
            group.getFields().forEach(f -> map.put(f.getName(), null));
            resets.forEach(RepeatedList::reset);
        }

        @Override
        public void end() {
            target.accept(map);
        }
    }
}
