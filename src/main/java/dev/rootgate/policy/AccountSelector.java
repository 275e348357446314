package dev.rootgate.policy;

import java.util.regex.Pattern;

/** The ways a rule names the accounts it covers: a 12-digit id, "ou:<name>", "tag:<name>" or "*" for all. */
final class AccountSelector {

    static final String ALL = "*";
    static final String OU_PREFIX = "ou:";
    static final String TAG_PREFIX = "tag:";
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private AccountSelector() {
    }

    static boolean matches(String selector, Account account) {
        if (selector.equals(ALL)) {
            return true;
        }
        if (selector.startsWith(OU_PREFIX)) {
            return account.ou().equals(selector.substring(OU_PREFIX.length()));
        }
        if (selector.startsWith(TAG_PREFIX)) {
            return account.tags().contains(selector.substring(TAG_PREFIX.length()));
        }
        return account.id().equals(selector);
    }
}
