// tutorials/07-mars-rover/tasks.ts — the same function as a task: a name for Redis, and the code for the worker.
import { defineTask } from "@rqts/queue";
import { getMarsPhoto } from "./mars.js";

export const getMarsPhotoTask = defineTask("mars.get_mars_photo", getMarsPhoto);
