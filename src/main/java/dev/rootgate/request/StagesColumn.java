package dev.rootgate.request;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rootgate.policy.ApprovalStage;

/** A request's approval stages as the JSON array its row keeps. */
@Converter
public class StagesColumn implements AttributeConverter<List<ApprovalStage>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stored shape, kept apart from the policy record so that renaming a field there cannot misread rows. */
    record Stored(List<String> groups, int count, boolean overlapAllowed) {
    }

    @Override
    public String convertToDatabaseColumn(List<ApprovalStage> stages) {
        if (stages == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(stages.stream()
                    .map(stage -> new Stored(List.copyOf(stage.groups()), stage.count(), stage.overlapAllowed())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("approval stages cannot be written as JSON", e);
        }
    }

    @Override
    public List<ApprovalStage> convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, new TypeReference<List<Stored>>() {
            }).stream().map(stored -> new ApprovalStage(new LinkedHashSet<>(stored.groups()), stored.count(),
                    stored.overlapAllowed())).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("access_request.approval_stages holds invalid JSON", e);
        }
    }

    /** The stages in words, for audit details: "1 from security-oncall; 1 from platform-leads". */
    public static String describe(List<ApprovalStage> stages) {
        return stages.stream().map(stage -> stage.count() + " from " + String.join(" or ", stage.groups()))
                .collect(Collectors.joining("; "));
    }
}
