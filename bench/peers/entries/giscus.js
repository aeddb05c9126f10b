// Peer for <confab-forum-feed>: the giscus web component (npm `giscus`, the loader <giscus-widget>).
// The discussion UI itself is an app giscus loads in an iframe from giscus.app: not counted here.
import 'giscus';
