// The page served by the Doorstep server: the player over HTTP.
import { Player } from "./player.js";
import { HttpTransport } from "./http-transport.js";

const player = new Player({ transport: new HttpTransport(new URL("../api/", document.baseURI)) });
player.boot();
