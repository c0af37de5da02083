export declare const workerNodeFlags: string[];
export declare const workerArgs: string[];
