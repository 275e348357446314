package dev.rootgate.net;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Writes addresses the way people read them: IPv6 in RFC 5952 short form ("2001:db8::"), not "2001:db8:0:0:0:0:0:0". */
final class IpText {

    private IpText() {
    }

    static String format(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        int[] groups = groups(address.getAddress());
        int[] longestZeroRun = longestZeroRun(groups);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == longestZeroRun[0]) {
                text.append("::");
                i += longestZeroRun[1] - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static int[] groups(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        return groups;
    }

    /** {start, length} of the first longest run of two or more zero groups; start -1 when there is none. */
    private static int[] longestZeroRun(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < groups.length; start++) {
            int length = 0;
            while (start + length < groups.length && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        return new int[] {bestStart, bestLength};
    }
}
