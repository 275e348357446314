package dev.rootgate.broker;

/** Why AssumeRoot did not hand back credentials, told apart by what it means for a second attempt. */
public abstract sealed class StsFailure extends Exception {

    StsFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** STS answered with an error: nothing was issued, and the requester may try again. */
    public static final class Refused extends StsFailure {
        private final String awsCode;
        private final String awsMessage;
        private final boolean throttled;

        Refused(String awsCode, String awsMessage, boolean throttled, Throwable cause) {
            super(awsCode + ": " + awsMessage, cause);
            this.awsCode = awsCode;
            this.awsMessage = awsMessage;
            this.throttled = throttled;
        }

        /** STS throttled the call: it refused before issuing anything, so trying again cannot issue twice. */
        public boolean throttled() {
            return throttled;
        }

        public String awsCode() {
            return awsCode;
        }

        public String awsMessage() {
            return awsMessage;
        }
    }

    /** The call never reached STS (no connection): nothing was issued, and the requester may try again. */
    public static final class Unreachable extends StsFailure {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The call was sent but no answer came back: STS may have issued a session. Never retried. */
    public static final class OutcomeUnknown extends StsFailure {
        OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
