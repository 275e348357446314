package dev.rootgate.request;

/** What a requester asks for; validated by {@link RequestService#create}, field by field. */
public record NewRequest(String accountId, String taskPolicy, String justification, String ticket) {
}
