package dev.rootgate.request;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A set of group names as a sorted JSON array. */
@Converter
public class GroupsColumn implements AttributeConverter<Set<String>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(Set<String> groups) {
        if (groups == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new TreeSet<>(groups));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("groups cannot be written as JSON", e);
        }
    }

    @Override
    public Set<String> convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Set.copyOf(JSON.readValue(text, new TypeReference<List<String>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision.approver_groups holds invalid JSON", e);
        }
    }
}
