package com.krenalis.api.types;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A set of named, typed properties: a nested object, or a whole schema. Property names are unique. */
public record ObjectType(List<Property> properties) implements Type {
    public ObjectType {
        properties = List.copyOf(properties);
        Set<String> seen = new HashSet<>();
        for (Property p : properties) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("duplicate property name: " + p.name());
            }
        }
    }

    public Optional<Property> property(String name) {
        for (Property p : properties) { // called per value on hot paths: no stream
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public TypeKind kind() { return TypeKind.OBJECT; }
}
