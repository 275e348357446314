package dev.rootgate.detect;

/** A CloudTrail record that is not an AssumeRoot record we can read without guessing. */
public final class MalformedEvent extends IllegalArgumentException {

    public MalformedEvent(String message) {
        super(message);
    }
}
