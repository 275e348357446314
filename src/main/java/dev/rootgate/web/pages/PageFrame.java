package dev.rootgate.web.pages;

/** What every page shows around its content: who is signed in, their MFA freshness, the nav, and DEV MODE. */
public record PageFrame(boolean devMode, String name, boolean requester, boolean approver, boolean overseer,
        boolean admin, String mfaText, String mfaClass) {

    /** A frame for nobody in particular: no name, no navigation, no logout form. */
    public boolean signedIn() {
        return !name.isEmpty();
    }

    /** Signed in without any accepted second factor: logging in again the same way would not help. */
    public boolean noSecondFactor() {
        return signedIn() && "none".equals(mfaClass);
    }
}
