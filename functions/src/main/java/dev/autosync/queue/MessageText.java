package dev.autosync.queue;

/**
 * The characters SQS accepts in a message body: {@code #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD |
 * #x10000-#x10FFFF}. Valid JSON may still hold others (a raw U+FFFF in a string), and SQS would refuse
 * such a message every time it is sent.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html">SendMessage</a>
 */
public final class MessageText {

    private MessageText() {
    }

    public static boolean isAllowed(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD
                    || (c >= 0x20 && c <= 0xFFFD && !(c == 0xFFFE || c == 0xFFFF));
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
